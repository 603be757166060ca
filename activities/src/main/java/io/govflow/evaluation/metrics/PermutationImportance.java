package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.FeatureImportance.Explanations;
import io.govflow.evaluation.metrics.FeatureImportance.Importance;
import io.govflow.evaluation.metrics.FeatureImportance.Permutation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Permutation importance (Breiman, 2001; scikit-learn's {@code permutation_importance}): a feature matters as much
 * as the model's score drops when that feature's values are shuffled across the evaluation rows, which breaks its
 * link to the label and leaves everything else as it is. The score is the ROC AUC of the favourable-label
 * probability: it uses the model's whole ranking, so on a few hundred rows it still moves when a shuffle changes
 * probabilities without flipping a predicted label, where accuracy would not, and class imbalance does not flatter
 * it. Each feature is shuffled {@code repeats} times from a generator seeded with {@code seed}; the document gives
 * the mean drop and its standard deviation (of the population, as scikit-learn reports it).
 */
public final class PermutationImportance {

  public static final String METHOD = "permutation";
  public static final String METRIC = "roc_auc";
  public static final int DEFAULT_REPEATS = 5;
  public static final long DEFAULT_SEED = 20_240_601L;

  /** The model being explained: the probability it gives the favourable label for one row (column → value). */
  @FunctionalInterface
  public interface Model {
    double favourableProbability(Map<String, String> row);
  }

  private PermutationImportance() {}

  /**
   * @param rows the evaluation rows; rows without a label are left out
   * @param features the columns the model reads
   * @param progress told which feature is being shuffled (an activity's heartbeat)
   */
  public static FeatureImportance measure(Table rows, String label, String favourableLabel, List<String> features,
      Model model, int repeats, long seed, Consumer<String> progress) {
    if (repeats < 1) {
      throw new IllegalArgumentException("permutation importance needs at least one repeat, not " + repeats);
    }
    int[] labelled = IntStream.range(0, rows.rowCount()).filter(r -> !Table.isMissing(rows.value(r, label)))
        .toArray();
    List<Map<String, String>> cells = IntStream.of(labelled).mapToObj(r -> (Map<String, String>) new HashMap<>(
        rows.row(r))).toList();
    boolean[] positive = new boolean[labelled.length];
    for (int i = 0; i < labelled.length; i++) {
      positive[i] = favourableLabel.equals(cells.get(i).get(label));
    }
    int[] all = IntStream.range(0, labelled.length).toArray();
    double baseline = BinaryClassification.auc(positive, score(model, cells), all);
    SplittableRandom random = new SplittableRandom(seed);
    List<Importance> importances = new ArrayList<>(features.size());
    for (String feature : features) {
      progress.accept("permutation importance of " + feature);
      List<String> original = cells.stream().map(row -> row.get(feature)).toList();
      double[] drops = new double[repeats];
      for (int repeat = 0; repeat < repeats; repeat++) {
        int[] shuffled = shuffled(labelled.length, random);
        for (int i = 0; i < shuffled.length; i++) {
          cells.get(i).put(feature, original.get(shuffled[i]));
        }
        drops[repeat] = baseline - BinaryClassification.auc(positive, score(model, cells), all);
      }
      for (int i = 0; i < labelled.length; i++) {
        cells.get(i).put(feature, original.get(i));
      }
      importances.add(importance(feature, drops));
    }
    importances.sort(Comparator.comparing((Importance i) -> i.mean() == null ? 0.0 : i.mean()).reversed());
    return new FeatureImportance(FeatureImportance.VERSION, new Explanations(new Permutation(METHOD, METRIC, repeats,
        seed, new DatasetSize(labelled.length), label, favourableLabel, orNull(baseline), importances)));
  }

  private static double[] score(Model model, List<Map<String, String>> cells) {
    double[] scores = new double[cells.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = model.favourableProbability(cells.get(i));
    }
    return scores;
  }

  /** A uniformly random order of {@code 0..n-1} (Fisher-Yates). */
  private static int[] shuffled(int n, SplittableRandom random) {
    int[] order = IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private static Importance importance(String feature, double[] drops) {
    double mean = 0;
    for (double drop : drops) {
      mean += drop / drops.length;
    }
    double squares = 0;
    for (double drop : drops) {
      squares += (drop - mean) * (drop - mean);
    }
    return new Importance(feature, orNull(mean), orNull(Math.sqrt(squares / drops.length)));
  }

  private static Double orNull(double value) {
    return Double.isNaN(value) ? null : value;
  }
}
