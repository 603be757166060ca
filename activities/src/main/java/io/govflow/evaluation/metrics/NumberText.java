package io.govflow.evaluation.metrics;

import java.nio.charset.StandardCharsets;

/**
 * Reads a number written in ASCII straight from bytes, giving exactly the double {@link Double#parseDouble} gives.
 * Most cells take the fast path (Clinger, 1990): at most 18 significant digits forming an integer below 2^53 and a
 * power of ten within 10^±22 are both exact doubles, so one multiplication or division rounds correctly. Anything
 * else goes to {@link Double#parseDouble}.
 */
final class NumberText {

  private static final long EXACT_INTEGER_LIMIT = 1L << 53;
  private static final int MAX_EXACT_POWER = 22;
  private static final int MAX_SIGNIFICANT_DIGITS = 18;
  private static final double[] POWERS_OF_TEN = new double[MAX_EXACT_POWER + 1];

  static {
    double power = 1;
    for (int i = 0; i <= MAX_EXACT_POWER; i++) {
      POWERS_OF_TEN[i] = power;
      power *= 10;
    }
  }

  private NumberText() {}

  /** The value of {@code bytes[from, to)}, which {@link ColumnType#of(byte[], int, int)} found numeric. */
  static double parse(byte[] bytes, int from, int to) {
    int i = from;
    boolean negative = bytes[i] == '-';
    if (negative || bytes[i] == '+') {
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int scale = 0;
    boolean afterPoint = false;
    for (; i < to; i++) {
      byte b = bytes[i];
      if (b == '.') {
        afterPoint = true;
      } else if (b >= '0' && b <= '9') {
        if (mantissa != 0 || b != '0') {
          if (++significant > MAX_SIGNIFICANT_DIGITS) {
            return slow(bytes, from, to);
          }
          mantissa = mantissa * 10 + (b - '0');
        }
        scale -= afterPoint ? 1 : 0;
      } else {
        break;
      }
    }
    if (i < to) {
      int exponent = exponent(bytes, i + 1, to);
      if (exponent == Integer.MIN_VALUE) {
        return slow(bytes, from, to);
      }
      scale += exponent;
    }
    double value;
    if (mantissa == 0) {
      value = 0.0;
    } else if (mantissa < EXACT_INTEGER_LIMIT && scale >= -MAX_EXACT_POWER && scale <= MAX_EXACT_POWER) {
      value = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
    } else {
      return slow(bytes, from, to);
    }
    return negative ? -value : value;
  }

  /** The exponent after 'e', or {@link Integer#MIN_VALUE} if it has too many digits for the fast path. */
  private static int exponent(byte[] bytes, int i, int to) {
    boolean negative = bytes[i] == '-';
    if (negative || bytes[i] == '+') {
      i++;
    }
    if (to - i > 4) {
      return Integer.MIN_VALUE;
    }
    int exponent = 0;
    for (; i < to; i++) {
      exponent = exponent * 10 + (bytes[i] - '0');
    }
    return negative ? -exponent : exponent;
  }

  private static double slow(byte[] bytes, int from, int to) {
    return Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
  }
}
