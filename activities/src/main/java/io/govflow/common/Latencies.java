package io.govflow.common;

import java.util.Arrays;

/** Latency percentiles as load tools report them: nearest rank, so every figure is a latency actually measured. */
public final class Latencies {

  private Latencies() {}

  /** The smallest latency that {@code fraction} of the requests did not exceed; NaN when none was measured. */
  public static double percentile(double[] latencies, double fraction) {
    if (latencies.length == 0) {
      return Double.NaN;
    }
    double[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)];
  }
}
