package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.BiasReport.ConfidenceInterval;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Percentile bootstrap intervals for one facet's metrics. A resample draws as many of the facet's rows as it has,
 * with replacement, and only re-adds their {@link FacetCounts}: each row is two small integers (its type and group
 * variable value), so a thousand resamples cost a thousand passes over two arrays, not a thousand reports. The flip
 * test's per-row outcomes are resampled with group a's neighbours held as fitted on all rows.
 */
final class BiasBootstrap {

  private BiasBootstrap() {}

  /**
   * @param values the metrics on all rows; a metric undefined there gets no interval
   * @param measure the metrics, in the same order, on a resample's counts
   * @return per metric its interval, or null
   */
  static ConfidenceInterval[] intervals(FacetRows rows, FlipTest.Flips flips, Ratio[] values,
      Function<FacetCounts, Ratio[]> measure, Bootstrap bootstrap) {
    ConfidenceInterval[] intervals = new ConfidenceInterval[values.length];
    int n = rows.types().length;
    if (n == 0) {
      return intervals;
    }
    // each row's cell among the group variable's values times the row types, so a draw is one increment
    int[] cells = new int[n];
    for (int i = 0; i < n; i++) {
      cells[i] = rows.groups()[i] * FacetCounts.TYPES + rows.types()[i];
    }
    byte[] flipped = flips == null || flips.undefinedBecause() != null ? null : flips.perRow();
    double[][] samples = new double[values.length][bootstrap.resamples()];
    int[] defined = new int[values.length];
    long[] drawn = new long[rows.groupCount() * FacetCounts.TYPES];
    long[][] counts = new long[rows.groupCount()][FacetCounts.TYPES];
    SplittableRandom random = new SplittableRandom(bootstrap.seed());
    for (int resample = 0; resample < bootstrap.resamples(); resample++) {
      Arrays.fill(drawn, 0);
      long toFavourable = 0;
      long toUnfavourable = 0;
      for (int draw = 0; draw < n; draw++) {
        int i = random.nextInt(n);
        drawn[cells[i]]++;
        if (flipped != null) {
          toFavourable += flipped[i] == FlipTest.TO_FAVOURABLE ? 1 : 0;
          toUnfavourable += flipped[i] == FlipTest.TO_UNFAVOURABLE ? 1 : 0;
        }
      }
      for (int g = 0; g < counts.length; g++) {
        System.arraycopy(drawn, g * FacetCounts.TYPES, counts[g], 0, FacetCounts.TYPES);
      }
      FlipTest.Counts flipCounts = flips == null
          ? null
          : new FlipTest.Counts(toFavourable, toUnfavourable, flips.undefinedBecause());
      Ratio[] resampled = measure.apply(new FacetCounts(counts, rows.grouped(), rows.predicted(), flipCounts));
      for (int m = 0; m < values.length; m++) {
        if (resampled[m].value() != null) {
          samples[m][defined[m]++] = resampled[m].value();
        }
      }
    }
    double tail = (1 - bootstrap.confidenceLevel()) / 2;
    for (int m = 0; m < values.length; m++) {
      if (values[m].value() != null && defined[m] > 0) {
        double[] sorted = Arrays.copyOf(samples[m], defined[m]);
        Arrays.sort(sorted);
        intervals[m] = new ConfidenceInterval(quantile(sorted, tail), quantile(sorted, 1 - tail),
            bootstrap.confidenceLevel(), defined[m]);
      }
    }
    return intervals;
  }

  /**
   * The q-quantile of sorted values, interpolated linearly between neighbours as numpy's default does; next to an
   * infinite value (a ratio over zero in some resamples) it takes the neighbour farther from the median instead, so
   * the interval errs wide.
   */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    double fraction = position - below;
    if (fraction == 0 || sorted[below] == sorted[above]) {
      return sorted[below];
    }
    if (Double.isInfinite(sorted[below]) || Double.isInfinite(sorted[above])) {
      return q < 0.5 ? sorted[below] : sorted[above];
    }
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
  }
}
