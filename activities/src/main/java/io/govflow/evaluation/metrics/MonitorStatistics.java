package io.govflow.evaluation.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.govflow.evaluation.metrics.DataStatistics.Common;
import io.govflow.evaluation.metrics.DataStatistics.StringStatistics;
import java.util.List;
import java.util.Optional;

/**
 * Model Monitor's statistics.json: per feature, numerical statistics with the distribution as a KLL sketch and
 * {@value ModelMonitorBaseline#KLL_BUCKETS} equal-width buckets, or string statistics with category counts.
 * Standard deviations are of the population, as Deequ computes them.
 */
public record MonitorStatistics(double version, DatasetSize dataset, List<Feature> features) {

  /** One column: numerical statistics for an Integral or Fractional column, string statistics otherwise. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Feature(
      String name,
      ColumnType inferredType,
      NumericalStatistics numericalStatistics,
      StringStatistics stringStatistics) {}

  /** Mean, sum, standard deviation, min, max and the distribution are null when no value is numeric. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NumericalStatistics(
      Common common,
      Double mean,
      Double sum,
      Double stdDev,
      Double min,
      Double max,
      NumericalDistribution distribution) {}

  public record NumericalDistribution(Kll kll) {}

  public record Kll(List<KllBucket> buckets, Sketch sketch) {}

  public record KllBucket(double lowerBound, double upperBound, double count) {}

  /** The sketch itself: {@code data} holds its levels, level 0 first, each value standing for {@code 2^level}. */
  public record Sketch(SketchParameters parameters, List<double[]> data) {

    KllSketch restore() {
      return KllSketch.restore((int) parameters.k(), parameters.c(), data);
    }
  }

  public record SketchParameters(double c, double k) {}

  public Optional<Feature> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
