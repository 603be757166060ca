package io.govflow.evaluation.metrics;

/**
 * Clarify's counts for one facet group: {@code n} rows, {@code labelled} with the favourable label ({@code n(1)}),
 * {@code predicted} favourable by the model ({@code n̂(1)}), and the true positives and negatives among them.
 */
record GroupCounts(long n, long labelled, long predicted, long truePositives, long trueNegatives) {

  static GroupCounts of(boolean[] inGroup, boolean[] favourable, boolean[] predictedFavourable) {
    long n = 0;
    long labelled = 0;
    long predicted = 0;
    long truePositives = 0;
    long trueNegatives = 0;
    for (int row = 0; row < inGroup.length; row++) {
      if (inGroup[row]) {
        n++;
        boolean actual = favourable[row];
        boolean guess = predictedFavourable != null && predictedFavourable[row];
        labelled += actual ? 1 : 0;
        predicted += guess ? 1 : 0;
        truePositives += actual && guess ? 1 : 0;
        trueNegatives += !actual && !guess ? 1 : 0;
      }
    }
    return new GroupCounts(n, labelled, predicted, truePositives, trueNegatives);
  }

  /** {@code n(0)}: rows labelled unfavourable. */
  long labelledUnfavourable() {
    return n - labelled;
  }

  /** {@code n̂(0)}: rows predicted unfavourable. */
  long predictedUnfavourable() {
    return n - predicted;
  }

  long falsePositives() {
    return predicted - truePositives;
  }

  long falseNegatives() {
    return labelled - truePositives;
  }
}
