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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One column's statistics, accumulated value by value in one pass: counts of missing values and of each value type,
 * a running mean and variance (Welford), sum, min, max and a KLL sketch of the numbers, and the category counts
 * (exact up to {@link #CATEGORY_LIMIT} distinct values). Memory is bounded per column, whatever the number of rows.
 *
 * <p>The column's type is either declared (a monitoring run reads each column as the baseline typed it; a value not
 * of that type is present but kept out of the numbers and counted as a mismatch) or, when null, inferred at the end
 * as the widest type of the values, which is why an undeclared column keeps both numbers and categories.
 */
final class ColumnProfile {

  /** Deequ's threshold for a low-cardinality column, the only kind it keeps a histogram of. */
  static final int CATEGORY_LIMIT = 120;

  private final ColumnType declared;
  private final boolean keepsNumbers;
  private final CategoryCounts categories;
  private final KllSketch sketch = new KllSketch();
  private long missing;
  private long integral;
  private long fractional;
  private long text;
  private double mean;
  private double squaredDeviations;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** @param declared the column's type, or null to infer it from the values */
  ColumnProfile(ColumnType declared) {
    this(declared, List.of());
  }

  /** @param expected values counted exactly even beyond the limit: a baseline's categories */
  ColumnProfile(ColumnType declared, Collection<String> expected) {
    this.declared = declared;
    this.keepsNumbers = declared == null || declared.isNumeric();
    this.categories = declared == null || declared == ColumnType.STRING
        ? new CategoryCounts(CATEGORY_LIMIT, expected)
        : null;
  }

  void add(String value) {
    if (Table.isMissing(value)) {
      missing++;
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    add(bytes, 0, bytes.length);
  }

  /** Adds the value in {@code bytes[from, to)}, already stripped of surrounding whitespace. */
  void add(byte[] bytes, int from, int to) {
    if (from == to || (to - from == 1 && bytes[from] == '?')) {
      missing++;
      return;
    }
    ColumnType valueType = ColumnType.of(bytes, from, to);
    switch (valueType) {
      case INTEGRAL -> integral++;
      case FRACTIONAL -> fractional++;
      case STRING -> text++;
    }
    if (categories != null) {
      categories.add(bytes, from, to);
    }
    if (keepsNumbers && valueType.isNumeric()) {
      addNumber(NumberText.parse(bytes, from, to));
    }
  }

  /** The declared type, or the widest type of the present values (String for a column without any). */
  ColumnType type() {
    if (declared != null) {
      return declared;
    }
    return text > 0 || present() == 0 ? ColumnType.STRING
        : fractional > 0 ? ColumnType.FRACTIONAL
        : ColumnType.INTEGRAL;
  }

  long present() {
    return integral + fractional + text;
  }

  /** Present values that are not of the declared type, such as 2.5 in an Integral column or "n/a" in a number. */
  long mismatched() {
    if (declared == ColumnType.INTEGRAL) {
      return fractional + text;
    }
    return declared == ColumnType.FRACTIONAL ? text : 0;
  }

  double completeness() {
    return completeness(new Common(present(), missing));
  }

  /** The fraction of values that are present; 1 for an empty column, which lacks nothing. */
  static double completeness(Common common) {
    long total = common.numPresent() + common.numMissing();
    return total == 0 ? 1.0 : (double) common.numPresent() / total;
  }

  KllSketch sketch() {
    return sketch;
  }

  /** The category counts of a String column; null for a column declared numeric. */
  CategoryCounts categories() {
    return categories;
  }

  /**
   * The column as statistics.json describes it; a String column with more distinct values than the limit has no
   * distribution and an estimated distinct count, as Model Monitor writes a high-cardinality column.
   */
  Feature toFeature(String name) {
    Common common = new Common(present(), missing);
    ColumnType type = type();
    if (!type.isNumeric()) {
      Distribution distribution = null;
      if (categories.complete()) {
        List<Bucket> buckets = categories.counts().entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
            .map(e -> new Bucket(e.getKey(), e.getValue()))
            .toList();
        distribution = new Distribution(new Categorical(buckets));
      }
      return new Feature(name, type, null, new StringStatistics(common, categories.distinct(), distribution));
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
