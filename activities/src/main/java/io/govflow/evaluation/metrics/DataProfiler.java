package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.DataStatistics.Bucket;
import io.govflow.evaluation.metrics.DataStatistics.Categorical;
import io.govflow.evaluation.metrics.DataStatistics.Common;
import io.govflow.evaluation.metrics.DataStatistics.Distribution;
import io.govflow.evaluation.metrics.DataStatistics.Feature;
import io.govflow.evaluation.metrics.DataStatistics.Label;
import io.govflow.evaluation.metrics.DataStatistics.NumericalStatistics;
import io.govflow.evaluation.metrics.DataStatistics.QualityCheck;
import io.govflow.evaluation.metrics.DataStatistics.StringStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Computes a table's {@link DataStatistics}: per-column statistics, the label's class balance, quality checks. */
public final class DataProfiler {

  /** The majority class outnumbering the minority more than this many times is reported as an imbalance. */
  static final double IMBALANCE_RATIO = 2.0;

  /**
   * Zeros are reported as likely placeholders when the step from 0 to the smallest positive value is more than this
   * many times the typical (median) step between consecutive positive values: a blood pressure of 0 sits far from
   * the next reading, whereas a count of 0 pregnancies is one step below 1.
   */
  static final double DETACHED_ZERO_FACTOR = 3.0;

  private DataProfiler() {}

  public static DataStatistics profile(Table table, String labelColumn, String favourableLabel) {
    List<Feature> features = new ArrayList<>();
    List<QualityCheck> checks = new ArrayList<>();
    for (String column : table.columns()) {
      List<String> present = table.column(column).stream().filter(v -> !Table.isMissing(v)).toList();
      Common common = new Common(present.size(), table.rowCount() - present.size());
      ColumnType type = table.type(column);
      if (type.isNumeric()) {
        double[] values = present.stream().mapToDouble(Double::parseDouble).toArray();
        features.add(new Feature(column, type, numerical(common, values), null));
        detachedZeros(column, values).ifPresent(checks::add);
      } else {
        features.add(new Feature(column, type, null, strings(common, present)));
      }
      missingValues(column, common).ifPresent(checks::add);
    }
    Label label = label(table, labelColumn, favourableLabel);
    checks.addAll(classBalance(label));
    return new DataStatistics(0.0, new DatasetSize(table.rowCount()), features, label, checks);
  }

  private static NumericalStatistics numerical(Common common, double[] values) {
    long zeros = Arrays.stream(values).filter(v -> v == 0.0).count();
    if (values.length == 0) {
      return new NumericalStatistics(common, null, null, null, null, null, 0);
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double value : values) {
      sum += value;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    double mean = sum / values.length;
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }
    return new NumericalStatistics(common, mean, sum, Math.sqrt(squares / values.length), min, max, zeros);
  }

  private static StringStatistics strings(Common common, List<String> present) {
    Map<String, Long> counts = present.stream()
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    List<Bucket> buckets = counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .map(e -> new Bucket(e.getKey(), e.getValue()))
        .toList();
    return new StringStatistics(common, counts.size(), new Distribution(new Categorical(buckets)));
  }

  private static Label label(Table table, String labelColumn, String favourableLabel) {
    Map<String, Long> classCounts = table.column(labelColumn).stream()
        .filter(v -> !Table.isMissing(v))
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    long labelled = classCounts.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("favourable_fraction",
        labelled == 0 ? null : classCounts.getOrDefault(favourableLabel, 0L) / (double) labelled);
    metrics.put("minority_class_fraction", classCounts.size() < 2
        ? null
        : classCounts.values().stream().mapToLong(Long::longValue).min().orElseThrow() / (double) labelled);
    return new Label(labelColumn, favourableLabel, classCounts, metrics);
  }

  private static Optional<QualityCheck> missingValues(String column, Common common) {
    if (common.numMissing() == 0) {
      return Optional.empty();
    }
    long total = common.numPresent() + common.numMissing();
    return Optional.of(new QualityCheck(DataStatistics.MISSING_VALUES, column, String.format(Locale.ROOT,
        "%d of %d values (%.1f%%) are missing (empty or '?'): impute them or drop the rows before training",
        common.numMissing(), total, 100.0 * common.numMissing() / total)));
  }

  private static Optional<QualityCheck> detachedZeros(String column, double[] values) {
    long zeros = Arrays.stream(values).filter(v -> v == 0.0).count();
    boolean anyNegative = Arrays.stream(values).anyMatch(v -> v < 0);
    TreeSet<Double> positives = new TreeSet<>();
    Arrays.stream(values).filter(v -> v > 0).forEach(positives::add);
    if (zeros == 0 || anyNegative || positives.size() < 2) {
      return Optional.empty();
    }
    double smallest = positives.first();
    if (smallest <= DETACHED_ZERO_FACTOR * medianStep(positives)) {
      return Optional.empty();
    }
    return Optional.of(new QualityCheck(DataStatistics.ZERO_VALUES, column, String.format(Locale.ROOT,
        "%d of %d values are 0 while every other value is at least %s: the zeros are likely missing values in "
            + "disguise; mark them missing (or confirm they are real) before training",
        zeros, values.length, plain(smallest))));
  }

  private static double medianStep(TreeSet<Double> sortedDistinct) {
    List<Double> steps = new ArrayList<>();
    Double previous = null;
    for (Double value : sortedDistinct) {
      if (previous != null) {
        steps.add(value - previous);
      }
      previous = value;
    }
    steps.sort(null);
    int middle = steps.size() / 2;
    return steps.size() % 2 == 1 ? steps.get(middle) : (steps.get(middle - 1) + steps.get(middle)) / 2;
  }

  private static List<QualityCheck> classBalance(Label label) {
    if (label.classCounts().size() < 2) {
      return List.of(new QualityCheck(DataStatistics.SINGLE_CLASS, label.name(), "the label has "
          + label.classCounts().size() + " class(es) " + label.classCounts().keySet()
          + ": a classifier needs examples of at least two outcomes"));
    }
    Map.Entry<String, Long> minority = label.classCounts().entrySet().stream()
        .min(Map.Entry.comparingByValue()).orElseThrow();
    Map.Entry<String, Long> majority = label.classCounts().entrySet().stream()
        .max(Map.Entry.comparingByValue()).orElseThrow();
    if (majority.getValue() <= IMBALANCE_RATIO * minority.getValue()) {
      return List.of();
    }
    return List.of(new QualityCheck(DataStatistics.CLASS_IMBALANCE, label.name(), String.format(Locale.ROOT,
        "class '%s' has %d rows, %.1f times fewer than class '%s' (%d): use a stratified split and judge the "
            + "model on precision, recall and AUC rather than accuracy",
        minority.getKey(), minority.getValue(), (double) majority.getValue() / minority.getValue(),
        majority.getKey(), majority.getValue())));
  }

  /** A number as a person writes it: 44 rather than 44.0. */
  static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
