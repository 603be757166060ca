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

  /** The model favours a row of d that a's neighbours would not. */
  static final byte TO_FAVOURABLE = 1;
  /** a's neighbours would favour a row of d that the model does not. */
  static final byte TO_UNFAVOURABLE = 2;

  private FlipTest() {}

  /** How many rows of d flip each way; {@code undefinedBecause} says why there is no flip test. */
  record Counts(long toFavourable, long toUnfavourable, String undefinedBecause) {

    Ratio ft(GroupCounts d) {
      if (undefinedBecause != null) {
        return Ratio.undefined(undefinedBecause);
      }
      return Ratio.of(Ratio.divide(toFavourable - toUnfavourable, d.n()));
    }
  }

  /**
   * Each row's flip ({@link #TO_FAVOURABLE}, {@link #TO_UNFAVOURABLE} or 0, always 0 in group a), or why none can be
   * measured. A bootstrap resamples these outcomes with a's neighbours held as fitted on all rows: refitting the
   * neighbours for every resample would cost a flip test each.
   */
  record Flips(byte[] perRow, String undefinedBecause) {

    Counts counts() {
      long toFavourable = 0;
      long toUnfavourable = 0;
      for (byte flip : perRow) {
        toFavourable += flip == TO_FAVOURABLE ? 1 : 0;
        toUnfavourable += flip == TO_UNFAVOURABLE ? 1 : 0;
      }
      return new Counts(toFavourable, toUnfavourable, undefinedBecause);
    }
  }

  static Flips flips(FacetRows rows) {
    byte[] perRow = new byte[rows.rows().length];
    List<String> nonNumeric = rows.featureColumns().stream()
        .filter(column -> !rows.table().type(column).isNumeric()).toList();
    if (!nonNumeric.isEmpty()) {
      return new Flips(perRow, "FlipTest does not support non-numeric columns: " + nonNumeric);
    }
    double[][] features = new double[perRow.length][];
    for (int i = 0; i < features.length; i++) {
      features[i] = features(rows, rows.rows()[i]);
      if (features[i] == null) {
        return new Flips(perRow, "FlipTest cannot measure distances to rows with missing feature values");
      }
    }
    int[] a = IntStream.range(0, perRow.length).filter(i -> !rows.sensitive(i)).toArray();
    int k = a.length > FEW_ROWS ? NEIGHBOURS : FEW_NEIGHBOURS;
    for (int row = 0; row < perRow.length; row++) {
      if (rows.sensitive(row) && a.length > 0) {
        boolean model = rows.predictedFavourable(row);
        boolean ifInA = favouredByNeighbours(features, a, rows, features[row], k);
        perRow[row] = model && !ifInA ? TO_FAVOURABLE : !model && ifInA ? TO_UNFAVOURABLE : 0;
      }
    }
    return new Flips(perRow, null);
  }

  private static boolean favouredByNeighbours(double[][] features, int[] a, FacetRows rows, double[] point, int k) {
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
      favourable += rows.predictedFavourable(neighbour) ? 1 : 0;
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
}
