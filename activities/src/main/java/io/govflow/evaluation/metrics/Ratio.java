package io.govflow.evaluation.metrics;

/**
 * A metric's value, or why Clarify cannot compute it on this data (smclarify raises, and its report carries a null
 * value and the error). A value may be infinite where Clarify divides a positive count by zero; Jackson writes it as
 * the string {@code "Infinity"}, as Clarify's {@code inf_as_str} does.
 */
record Ratio(Double value, String undefinedBecause) {

  static Ratio of(double value) {
    return new Ratio(value, null);
  }

  static Ratio undefined(String because) {
    return new Ratio(null, because);
  }

  /** smclarify's {@code common.divide}: 0 / 0 is 0, and x / 0 is infinity with the sign of x. */
  static double divide(double numerator, double denominator) {
    if (denominator == 0) {
      return numerator == 0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, numerator);
    }
    return numerator / denominator;
  }

  /**
   * {@code x - y}, except that Clarify sets a difference of two positive infinities to 0 (DCA, DCR, DAR, DRR, RD, SD,
   * AD, TE): both groups are equally undefined, so neither is favoured.
   */
  static double difference(double x, double y) {
    return x == y && x == Double.POSITIVE_INFINITY ? 0.0 : x - y;
  }
}
