package io.govflow.evaluation.metrics;

import java.util.List;

/**
 * One facet's rows as Clarify's metrics read them: the rows of {@code table} that take part ({@code rows}), and,
 * aligned with them, whether each is in the sensitive group d, has the favourable label, is predicted favourable
 * ({@code predicted} is null before training) and its value of the group variable ({@code groups}, null without
 * one); {@code a} and {@code d} count the two groups. {@code featureColumns} are what the flip test compares rows
 * on: every column but the facet and the label.
 */
record FacetRows(Table table, int[] rows, boolean[] sensitive, boolean[] favourable, boolean[] predicted,
    String[] groups, List<String> featureColumns, GroupCounts a, GroupCounts d) {

  static FacetRows of(Table table, int[] rows, boolean[] sensitive, boolean[] favourable, boolean[] predicted,
      String[] groups, List<String> featureColumns) {
    boolean[] notSensitive = new boolean[sensitive.length];
    for (int i = 0; i < sensitive.length; i++) {
      notSensitive[i] = !sensitive[i];
    }
    return new FacetRows(table, rows, sensitive, favourable, predicted, groups, featureColumns,
        GroupCounts.of(notSensitive, favourable, predicted), GroupCounts.of(sensitive, favourable, predicted));
  }
}
