package io.govflow.evaluation.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * The type Model Monitor infers for a column: integral if every present value is an integer, and so on. A value is
 * Integral if it reads {@code [-+]?\d+}, Fractional if it reads {@code [-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?}, else
 * String; the scan below matches exactly those patterns without a regex, since it runs once per cell.
 */
public enum ColumnType {
  INTEGRAL("Integral"),
  FRACTIONAL("Fractional"),
  STRING("String");

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
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return of(bytes, 0, bytes.length);
  }

  /** The type of the value in {@code bytes[from, to)}; a byte outside ASCII is never part of a number. */
  static ColumnType of(byte[] bytes, int from, int to) {
    int i = from;
    if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
      i++;
    }
    int integerStart = i;
    i = skipDigits(bytes, i, to);
    boolean integerDigits = i > integerStart;
    boolean point = i < to && bytes[i] == '.';
    boolean fractionDigits = false;
    if (point) {
      int fractionStart = ++i;
      i = skipDigits(bytes, i, to);
      fractionDigits = i > fractionStart;
    }
    if (!integerDigits && !fractionDigits) {
      return STRING;
    }
    boolean exponent = i < to && (bytes[i] == 'e' || bytes[i] == 'E');
    if (exponent) {
      i++;
      if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
        i++;
      }
      int exponentStart = i;
      i = skipDigits(bytes, i, to);
      if (i == exponentStart) {
        return STRING;
      }
    }
    if (i != to) {
      return STRING;
    }
    return point || exponent ? FRACTIONAL : INTEGRAL;
  }

  private static int skipDigits(byte[] bytes, int i, int to) {
    while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
      i++;
    }
    return i;
  }
}
