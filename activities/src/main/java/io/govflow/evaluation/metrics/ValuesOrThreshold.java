package io.govflow.evaluation.metrics;

import java.math.BigDecimal;
import java.util.List;

/**
 * How Clarify splits a column in two, for a facet (sensitive or not) and for the label (favourable or not): the rows
 * whose value is one of {@code values}, or, for a numeric {@code threshold}, the rows in the interval
 * (threshold, max], that is above the threshold. smclarify builds that interval with pandas
 * ({@code report._interval_index}) and names the group by it, {@code "(25, 75]"}: a threshold at or above the
 * column's maximum leaves the group empty. Clarify guesses from the data whether one value is a threshold
 * ({@code common.series_datatype}: a numeric column at least 5 % distinct); govflow's {@code ProtectedFacet} and
 * {@link FavourableOutcome} say it, so a threshold on a column of few distinct values, which Clarify would match as
 * a category, still splits above it here.
 */
record ValuesOrThreshold(String column, List<String> values, Double threshold) {

  ValuesOrThreshold {
    boolean hasValues = values != null && !values.isEmpty();
    if (hasValues == (threshold != null)) {
      throw new IllegalArgumentException("'" + column + "' must set exactly one of values and threshold");
    }
    values = hasValues ? List.copyOf(values) : null;
  }

  boolean isThreshold() {
    return threshold != null;
  }

  /** Whether a present cell is in the group: no value exceeds the maximum, so (threshold, max] is "above". */
  boolean contains(String cell) {
    return isThreshold() ? Double.parseDouble(cell) > threshold : values.contains(cell);
  }

  /** Per row of {@code cells}: in the group, not in it, or null where the cell is missing. */
  Boolean[] split(List<String> cells) {
    Boolean[] in = new Boolean[cells.size()];
    for (int row = 0; row < in.length; row++) {
      String cell = cells.get(row);
      if (!Table.isMissing(cell)) {
        in[row] = contains(cell);
      }
    }
    return in;
  }

  /**
   * The group's name as Clarify writes it: the values joined by commas in the order given, or the interval
   * (threshold, max]. Its bounds print as Python prints the pandas interval: integers when both the column and the
   * threshold are integral, otherwise floats ({@code "(30.0, 67.1]"}).
   */
  String describe(Table table) {
    if (!isThreshold()) {
      return String.join(",", values);
    }
    double maximum = maximum(table.column(column));
    if (maximum == threshold) {
      // pandas makes no interval from a single break, and Clarify joins an empty index.
      return "";
    }
    boolean integral = table.type(column) == ColumnType.INTEGRAL && threshold == Math.rint(threshold);
    double low = Math.min(threshold, maximum);
    double high = Math.max(threshold, maximum);
    return "(" + python(low, integral) + ", " + python(high, integral) + "]";
  }

  private static double maximum(List<String> cells) {
    return cells.stream().filter(cell -> !Table.isMissing(cell)).mapToDouble(Double::parseDouble).max()
        .orElse(Double.NaN);
  }

  /**
   * A number as Python's {@code str} prints an int64 or a float64: {@code 75.0} for a float; outside [1e-4, 1e16)
   * Python writes {@code 1e-05} where this writes Java's {@code 1.0E-5}.
   */
  private static String python(double value, boolean integral) {
    if (integral) {
      return Long.toString((long) value);
    }
    double magnitude = Math.abs(value);
    if (value != 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
      return Double.toString(value);
    }
    String plain = new BigDecimal(Double.toString(value)).toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }
}
