package io.govflow.evaluation.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** The type Model Monitor infers for a column: integral if every present value is an integer, and so on. */
public enum ColumnType {
  INTEGRAL("Integral"),
  FRACTIONAL("Fractional"),
  STRING("String");

  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final String label;

  ColumnType(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  public boolean isNumeric() {
    return this != STRING;
  }

  /** The narrowest type that holds both: a column is as wide as its widest value. */
  ColumnType widen(ColumnType other) {
    return ordinal() >= other.ordinal() ? this : other;
  }

  static ColumnType of(String value) {
    if (INTEGER.matcher(value).matches()) {
      return INTEGRAL;
    }
    return DECIMAL.matcher(value).matches() ? FRACTIONAL : STRING;
  }
}
