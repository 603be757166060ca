package io.govflow.evaluation.metrics;

/**
 * Clarify's counts for one facet group: {@code n} rows, {@code labelled} with the favourable label ({@code n(1)}),
 * {@code predicted} favourable by the model ({@code n̂(1)}), and the true positives and negatives among them.
 */
record GroupCounts(long n, long labelled, long predicted, long truePositives, long trueNegatives) {

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
