package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.ModelQuality.BinaryClassificationMetrics;
import io.govflow.evaluation.metrics.ModelQuality.Estimate;
import io.govflow.evaluation.metrics.ModelQuality.LabelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Quality of a binary classifier on labelled rows: the favourable label is the positive class, anything else is
 * negative. AUC is the area under the ROC curve of the favourable-label probabilities, by the rank-sum (Mann-Whitney)
 * formula with tied scores sharing their average rank, which equals the trapezoid area. Standard deviations come
 * from {@value #BOOTSTRAP_RESAMPLES} bootstrap resamples drawn with a fixed seed, so a document is repeatable.
 */
public final class BinaryClassification {

  static final int BOOTSTRAP_RESAMPLES = 200;
  static final long BOOTSTRAP_SEED = 20_240_601L;

  private enum Metric { RECALL, PRECISION, ACCURACY, F1, AUC, TRUE_POSITIVE_RATE, TRUE_NEGATIVE_RATE,
    FALSE_POSITIVE_RATE, FALSE_NEGATIVE_RATE }

  private BinaryClassification() {}

  /**
   * @param actual observed labels; rows whose label is missing are left out
   * @param predicted predicted labels, one per row
   * @param favourableProbability the model's probability of the favourable label, one per row
   */
  public static ModelQuality evaluate(String labelColumn, String favourableLabel, List<String> actual,
      List<String> predicted, double[] favourableProbability) {
    if (actual.size() != predicted.size() || actual.size() != favourableProbability.length) {
      throw new IllegalArgumentException("actual, predicted and probabilities differ in length: " + actual.size()
          + ", " + predicted.size() + ", " + favourableProbability.length);
    }
    int[] labelled = IntStream.range(0, actual.size()).filter(i -> !Table.isMissing(actual.get(i))).toArray();
    boolean[] positive = new boolean[actual.size()];
    boolean[] predictedPositive = new boolean[actual.size()];
    for (int i = 0; i < positive.length; i++) {
      positive[i] = favourableLabel.equals(actual.get(i));
      predictedPositive[i] = favourableLabel.equals(predicted.get(i));
    }
    double[] values = metrics(positive, predictedPositive, favourableProbability, labelled);
    double[] deviations = bootstrapDeviations(positive, predictedPositive, favourableProbability, labelled);
    Estimate[] estimates = new Estimate[Metric.values().length];
    for (int m = 0; m < estimates.length; m++) {
      estimates[m] = new Estimate(orNull(values[m]), orNull(deviations[m]));
    }
    BinaryClassificationMetrics metrics = new BinaryClassificationMetrics(
        confusionMatrix(actual, predicted, labelled),
        estimates[Metric.RECALL.ordinal()],
        estimates[Metric.PRECISION.ordinal()],
        estimates[Metric.ACCURACY.ordinal()],
        estimates[Metric.F1.ordinal()],
        estimates[Metric.AUC.ordinal()],
        estimates[Metric.TRUE_POSITIVE_RATE.ordinal()],
        estimates[Metric.TRUE_NEGATIVE_RATE.ordinal()],
        estimates[Metric.FALSE_POSITIVE_RATE.ordinal()],
        estimates[Metric.FALSE_NEGATIVE_RATE.ordinal()]);
    return new ModelQuality(0.0, new DatasetSize(labelled.length), new LabelSpec(labelColumn, favourableLabel),
        metrics);
  }

  /** Area under the ROC curve of {@code scores} for {@code positive}; NaN without both classes. */
  static double auc(boolean[] positive, double[] scores, int[] rows) {
    Integer[] order = Arrays.stream(rows).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (x, y) -> Double.compare(scores[x], scores[y]));
    double positiveRankSum = 0;
    long positives = 0;
    for (int start = 0; start < order.length; ) {
      int end = start;
      while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
        end++;
      }
      double averageRank = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        if (positive[order[k]]) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      start = end + 1;
    }
    long negatives = order.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** The metrics in {@link Metric} order; NaN where undefined. */
  private static double[] metrics(boolean[] positive, boolean[] predicted, double[] scores, int[] rows) {
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int row : rows) {
      if (predicted[row]) {
        tp += positive[row] ? 1 : 0;
        fp += positive[row] ? 0 : 1;
      } else {
        fn += positive[row] ? 1 : 0;
        tn += positive[row] ? 0 : 1;
      }
    }
    double[] values = new double[Metric.values().length];
    values[Metric.RECALL.ordinal()] = ratio(tp, tp + fn);
    values[Metric.PRECISION.ordinal()] = ratio(tp, tp + fp);
    values[Metric.ACCURACY.ordinal()] = ratio(tp + tn, rows.length);
    values[Metric.F1.ordinal()] = ratio(2 * tp, 2 * tp + fp + fn);
    values[Metric.AUC.ordinal()] = auc(positive, scores, rows);
    values[Metric.TRUE_POSITIVE_RATE.ordinal()] = ratio(tp, tp + fn);
    values[Metric.TRUE_NEGATIVE_RATE.ordinal()] = ratio(tn, tn + fp);
    values[Metric.FALSE_POSITIVE_RATE.ordinal()] = ratio(fp, fp + tn);
    values[Metric.FALSE_NEGATIVE_RATE.ordinal()] = ratio(fn, fn + tp);
    return values;
  }

  /** Sample standard deviation of each metric over bootstrap resamples where it is defined; NaN if too few. */
  private static double[] bootstrapDeviations(boolean[] positive, boolean[] predicted, double[] scores, int[] rows) {
    int metricCount = Metric.values().length;
    List<List<Double>> samples = new ArrayList<>();
    for (int m = 0; m < metricCount; m++) {
      samples.add(new ArrayList<>());
    }
    Random random = new Random(BOOTSTRAP_SEED);
    int[] resample = new int[rows.length];
    for (int b = 0; b < BOOTSTRAP_RESAMPLES && rows.length > 0; b++) {
      for (int i = 0; i < resample.length; i++) {
        resample[i] = rows[random.nextInt(rows.length)];
      }
      double[] values = metrics(positive, predicted, scores, resample);
      for (int m = 0; m < metricCount; m++) {
        if (!Double.isNaN(values[m])) {
          samples.get(m).add(values[m]);
        }
      }
    }
    double[] deviations = new double[metricCount];
    for (int m = 0; m < metricCount; m++) {
      deviations[m] = sampleStandardDeviation(samples.get(m));
    }
    return deviations;
  }

  private static Map<String, Map<String, Long>> confusionMatrix(
      List<String> actual, List<String> predicted, int[] rows) {
    TreeSet<String> labels = new TreeSet<>();
    for (int row : rows) {
      labels.add(actual.get(row));
      labels.add(predicted.get(row));
    }
    Map<String, Map<String, Long>> matrix = new TreeMap<>();
    for (String observed : labels) {
      Map<String, Long> counts = new TreeMap<>();
      labels.forEach(guess -> counts.put(guess, 0L));
      matrix.put(observed, counts);
    }
    for (int row : rows) {
      matrix.get(actual.get(row)).merge(predicted.get(row), 1L, Long::sum);
    }
    return matrix;
  }

  private static double sampleStandardDeviation(List<Double> values) {
    if (values.size() < 2) {
      return Double.NaN;
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return Math.sqrt(squares / (values.size() - 1));
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }

  private static Double orNull(double value) {
    return Double.isNaN(value) ? null : value;
  }
}
