package io.govflow.evaluation.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Clarify's flip test (smclarify {@code posttraining.FT}): a k-nearest-neighbour classifier fitted on group a's rows
 * and the model's predictions for them says what the model "would" predict for each row of group d were it in a;
 * FT = (rows the model favours but a's neighbours would not - rows a's neighbours would favour but the model does
 * not) / n_d. Like smclarify's scikit-learn classifier: Euclidean distance on the raw feature values, uniform
 * votes, 5 neighbours, or 1 when group a has at most 9 rows; equally distant neighbours are taken in row order.
 */
final class FlipTest {

  private static final int NEIGHBOURS = 5;
  private static final int FEW_NEIGHBOURS = 1;
  private static final int FEW_ROWS = 9;

  private FlipTest() {}

  static Ratio measure(FacetRows rows) {
    List<String> nonNumeric = rows.featureColumns().stream()
        .filter(column -> !rows.table().type(column).isNumeric()).toList();
    if (!nonNumeric.isEmpty()) {
      return Ratio.undefined("FlipTest does not support non-numeric columns: " + nonNumeric);
    }
    double[][] features = new double[rows.rows().length][];
    for (int i = 0; i < features.length; i++) {
      features[i] = features(rows, rows.rows()[i]);
      if (features[i] == null) {
        return Ratio.undefined("FlipTest cannot measure distances to rows with missing feature values");
      }
    }
    int[] a = indices(rows.sensitive(), false);
    int[] d = indices(rows.sensitive(), true);
    int k = a.length > FEW_ROWS ? NEIGHBOURS : FEW_NEIGHBOURS;
    long flippedToFavourable = 0;
    long flippedToUnfavourable = 0;
    for (int row : d) {
      boolean model = rows.predicted()[row];
      boolean ifInA = favouredByNeighbours(features, a, rows.predicted(), features[row], k);
      flippedToFavourable += model && !ifInA ? 1 : 0;
      flippedToUnfavourable += !model && ifInA ? 1 : 0;
    }
    return Ratio.of(Ratio.divide(flippedToFavourable - flippedToUnfavourable, d.length));
  }

  private static boolean favouredByNeighbours(double[][] features, int[] a, boolean[] predicted, double[] point,
      int k) {
    double[] nearestDistance = new double[k];
    int[] nearest = new int[k];
    Arrays.fill(nearestDistance, Double.POSITIVE_INFINITY);
    for (int candidate : a) {
      double distance = squaredDistance(features[candidate], point);
      int slot = k;
      while (slot > 0 && distance < nearestDistance[slot - 1]) {
        slot--;
      }
      if (slot < k) {
        System.arraycopy(nearestDistance, slot, nearestDistance, slot + 1, k - slot - 1);
        System.arraycopy(nearest, slot, nearest, slot + 1, k - slot - 1);
        nearestDistance[slot] = distance;
        nearest[slot] = candidate;
      }
    }
    int favourable = 0;
    for (int neighbour : nearest) {
      favourable += predicted[neighbour] ? 1 : 0;
    }
    return 2 * favourable > k;
  }

  private static double squaredDistance(double[] x, double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double difference = x[i] - y[i];
      sum += difference * difference;
    }
    return sum;
  }

  private static double[] features(FacetRows rows, int row) {
    List<String> columns = rows.featureColumns();
    double[] values = new double[columns.size()];
    for (int c = 0; c < values.length; c++) {
      String cell = rows.table().value(row, columns.get(c));
      if (Table.isMissing(cell)) {
        return null;
      }
      values[c] = Double.parseDouble(cell);
    }
    return values;
  }

  private static int[] indices(boolean[] sensitive, boolean inD) {
    return IntStream.range(0, sensitive.length).filter(i -> sensitive[i] == inD).toArray();
  }
}
