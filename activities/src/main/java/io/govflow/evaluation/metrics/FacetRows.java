package io.govflow.evaluation.metrics;

import java.util.List;

/**
 * One facet's rows as Clarify's metrics read them: the rows of {@code table} that take part ({@code rows}) and,
 * aligned with them, each row's {@code type} (in the sensitive group d or not, with the favourable label or not,
 * predicted favourable or not: see {@link FacetCounts}) and its value of the group variable as an index into the
 * values in sorted order ({@code groups}, all 0 without a group variable). {@code predicted} says whether there are
 * predictions (after training). {@code featureColumns} are what the flip test compares rows on: every column but the
 * facet and the label.
 */
record FacetRows(Table table, int[] rows, byte[] types, int[] groups, int groupCount, boolean grouped,
    boolean predicted, List<String> featureColumns) {

  boolean sensitive(int i) {
    return (types[i] & FacetCounts.SENSITIVE) != 0;
  }

  boolean predictedFavourable(int i) {
    return (types[i] & FacetCounts.PREDICTED) != 0;
  }

  /** The counts of all the rows. */
  FacetCounts counts(FlipTest.Flips flips) {
    long[][] counts = new long[groupCount][FacetCounts.TYPES];
    for (int i = 0; i < types.length; i++) {
      counts[groups[i]][types[i]]++;
    }
    return new FacetCounts(counts, grouped, predicted, flips == null ? null : flips.counts());
  }
}
