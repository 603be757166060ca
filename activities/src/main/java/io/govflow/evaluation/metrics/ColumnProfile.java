package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.DataStatistics.Bucket;
import io.govflow.evaluation.metrics.DataStatistics.Categorical;
import io.govflow.evaluation.metrics.DataStatistics.Common;
import io.govflow.evaluation.metrics.DataStatistics.Distribution;
import io.govflow.evaluation.metrics.DataStatistics.StringStatistics;
import io.govflow.evaluation.metrics.MonitorStatistics.Feature;
import io.govflow.evaluation.metrics.MonitorStatistics.Kll;
import io.govflow.evaluation.metrics.MonitorStatistics.KllBucket;
import io.govflow.evaluation.metrics.MonitorStatistics.NumericalDistribution;
import io.govflow.evaluation.metrics.MonitorStatistics.NumericalStatistics;
import io.govflow.evaluation.metrics.MonitorStatistics.Sketch;
import io.govflow.evaluation.metrics.MonitorStatistics.SketchParameters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One column's statistics, accumulated value by value: counts, a running mean and variance (Welford) and a KLL
 * sketch for a numeric column, category counts for a string column. A value that is not of the expected type is
 * counted as present but kept out of the numbers and remembered as a type mismatch.
 */
final class ColumnProfile {

  private final ColumnType type;
  private final KllSketch sketch = new KllSketch();
  private final Map<String, Long> categories = new TreeMap<>();
  private long present;
  private long missing;
  private long mismatched;
  private double mean;
  private double squaredDeviations;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  ColumnProfile(ColumnType type) {
    this.type = type;
  }

  void add(String value) {
    if (Table.isMissing(value)) {
      missing++;
      return;
    }
    present++;
    ColumnType valueType = ColumnType.of(value);
    if (type.widen(valueType) != type) {
      mismatched++;
    }
    if (!type.isNumeric()) {
      categories.merge(value, 1L, Long::sum);
    } else if (valueType.isNumeric()) {
      addNumber(Double.parseDouble(value));
    }
  }

  ColumnType type() {
    return type;
  }

  long present() {
    return present;
  }

  /** Present values that are not of the column's type, such as 2.5 in an Integral column or "n/a" in a number. */
  long mismatched() {
    return mismatched;
  }

  double completeness() {
    return completeness(new Common(present, missing));
  }

  /** The fraction of values that are present; 1 for an empty column, which lacks nothing. */
  static double completeness(Common common) {
    long total = common.numPresent() + common.numMissing();
    return total == 0 ? 1.0 : (double) common.numPresent() / total;
  }

  KllSketch sketch() {
    return sketch;
  }

  Map<String, Long> categories() {
    return categories;
  }

  Feature toFeature(String name) {
    Common common = new Common(present, missing);
    if (!type.isNumeric()) {
      List<Bucket> buckets = categories.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
          .map(e -> new Bucket(e.getKey(), e.getValue()))
          .toList();
      return new Feature(name, type, null,
          new StringStatistics(common, categories.size(), new Distribution(new Categorical(buckets))));
    }
    long numbers = sketch.count();
    if (numbers == 0) {
      return new Feature(name, type, new NumericalStatistics(common, null, null, null, null, null, null), null);
    }
    Sketch data = new Sketch(new SketchParameters(sketch.c(), sketch.k()), sketch.data());
    return new Feature(name, type, new NumericalStatistics(common, mean, sum,
        Math.sqrt(squaredDeviations / numbers), min, max, new NumericalDistribution(new Kll(buckets(), data))), null);
  }

  private void addNumber(double value) {
    sketch.update(value);
    double delta = value - mean;
    mean += delta / sketch.count();
    squaredDeviations += delta * (value - mean);
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  /** Equal-width buckets from min to max, counted from the sketch; the first also holds the minimum itself. */
  private List<KllBucket> buckets() {
    if (min == max) {
      return List.of(new KllBucket(min, max, sketch.count()));
    }
    List<KllBucket> buckets = new ArrayList<>(ModelMonitorBaseline.KLL_BUCKETS);
    double width = (max - min) / ModelMonitorBaseline.KLL_BUCKETS;
    long below = 0;
    for (int b = 0; b < ModelMonitorBaseline.KLL_BUCKETS; b++) {
      double lower = min + b * width;
      double upper = b == ModelMonitorBaseline.KLL_BUCKETS - 1 ? max : min + (b + 1) * width;
      long upTo = sketch.rank(upper);
      buckets.add(new KllBucket(lower, upper, upTo - below));
      below = upTo;
    }
    return buckets;
  }
}
