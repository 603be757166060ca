package io.govflow.evaluation.metrics;

/**
 * How the bias metrics' confidence intervals are drawn: {@code resamples} bootstrap resamples of each facet's rows
 * (drawn with replacement, as many as it has) from a generator seeded with {@code seed}, so the same data and seed
 * always give the same intervals; each interval holds the central {@code confidenceLevel} of the resampled values.
 * Written into analysis.json beside the intervals, so anyone can draw them again.
 */
public record Bootstrap(String method, int resamples, long seed, double confidenceLevel) {

  public static final String PERCENTILE = "percentile";
  public static final int DEFAULT_RESAMPLES = 1000;
  public static final long DEFAULT_SEED = 20_240_601L;
  public static final double DEFAULT_LEVEL = 0.95;

  /** A thousand resamples, 95 % intervals. */
  public static final Bootstrap DEFAULT = of(DEFAULT_RESAMPLES, DEFAULT_SEED);

  public Bootstrap {
    if (resamples < 1) {
      throw new IllegalArgumentException("a bootstrap needs at least one resample, not " + resamples);
    }
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException("the confidence level must lie strictly between 0 and 1, not "
          + confidenceLevel);
    }
  }

  public static Bootstrap of(int resamples, long seed) {
    return new Bootstrap(PERCENTILE, resamples, seed, DEFAULT_LEVEL);
  }
}
