package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.BiasReport.FacetResult;
import io.govflow.evaluation.metrics.BiasReport.Section;
import io.govflow.usecase.ProtectedFacet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the bias documents of a table: per protected facet, Clarify's metrics between its groups. Rows without a
 * label, or without a value for the facet, take no part in that facet's metrics.
 */
public final class BiasAnalysis {

  private BiasAnalysis() {}

  /** CI, DPL, KL, JS, KS of the observed labels. */
  public static BiasReport preTraining(
      Table table, String label, String favourableLabel, List<ProtectedFacet> facets) {
    return new BiasReport(BiasReport.VERSION,
        section(table, label, favourableLabel, null, facets, ClarifyMetric.PRE_TRAINING), null);
  }

  /** DPPL, DI, DCA, DAR, AD of {@code predictedLabels} (one per row of {@code table}) against the observed ones. */
  public static BiasReport postTraining(
      Table table, String label, String favourableLabel, List<String> predictedLabels, List<ProtectedFacet> facets) {
    if (predictedLabels.size() != table.rowCount()) {
      throw new IllegalArgumentException(
          predictedLabels.size() + " predictions for a table of " + table.rowCount() + " rows");
    }
    return new BiasReport(BiasReport.VERSION, null,
        section(table, label, favourableLabel, predictedLabels, facets, ClarifyMetric.POST_TRAINING));
  }

  private static Section section(Table table, String label, String favourableLabel, List<String> predictedLabels,
      List<ProtectedFacet> facets, List<ClarifyMetric> metrics) {
    List<String> labels = table.column(label);
    boolean[] favourable = new boolean[labels.size()];
    boolean[] predictedFavourable = predictedLabels == null ? null : new boolean[labels.size()];
    for (int row = 0; row < favourable.length; row++) {
      favourable[row] = favourableLabel.equals(labels.get(row));
      if (predictedFavourable != null) {
        predictedFavourable[row] = favourableLabel.equals(predictedLabels.get(row));
      }
    }
    Map<String, List<FacetResult>> results = new TreeMap<>();
    for (ProtectedFacet protectedFacet : facets) {
      Facet facet = Facet.of(protectedFacet);
      Boolean[] sensitive = facet.sensitive(table);
      boolean[] inA = new boolean[favourable.length];
      boolean[] inD = new boolean[favourable.length];
      for (int row = 0; row < favourable.length; row++) {
        boolean counted = sensitive[row] != null && !Table.isMissing(labels.get(row));
        inA[row] = counted && !sensitive[row];
        inD[row] = counted && sensitive[row];
      }
      GroupCounts a = GroupCounts.of(inA, favourable, predictedFavourable);
      GroupCounts d = GroupCounts.of(inD, favourable, predictedFavourable);
      results.computeIfAbsent(facet.column(), column -> new ArrayList<>()).add(
          new FacetResult(facet.valueOrThreshold(), metrics.stream().map(m -> m.between(a, d)).toList()));
    }
    return new Section(label, favourableLabel, results);
  }
}
