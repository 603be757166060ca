package io.govflow.evaluation.metrics;

/** A metric's value, or why it is undefined on this data (a group is empty, a denominator is zero). */
record Ratio(Double value, String undefinedBecause) {

  static Ratio of(double value) {
    return new Ratio(value, null);
  }

  static Ratio undefined(String because) {
    return new Ratio(null, because);
  }

  /** {@code numerator / denominator}, undefined when the denominator is zero. */
  static Ratio divide(double numerator, double denominator, String whenZero) {
    return denominator == 0 ? undefined(whenZero) : of(numerator / denominator);
  }

  Ratio minus(Ratio other) {
    if (value == null) {
      return this;
    }
    return other.value == null ? other : of(value - other.value);
  }
}
