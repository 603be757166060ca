package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.BiasReport.BiasMetric;
import io.govflow.evaluation.metrics.BiasReport.FacetResult;
import io.govflow.evaluation.metrics.BiasReport.Section;
import io.govflow.usecase.ProtectedFacet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Builds the bias documents of a table as Clarify's analysis.json: per protected facet, every pre- or post-training
 * metric between its groups (see {@link ClarifyMetric}). Rows without a label, or without a value for the facet,
 * take no part in that facet's metrics (smclarify itself would count a missing facet value in group a and a missing
 * label as unfavourable).
 */
public final class BiasAnalysis {

  private BiasAnalysis() {}

  /** Every pre-training metric of the observed labels, with one favourable label value and no group variable. */
  public static BiasReport preTraining(
      Table table, String label, String favourableLabel, List<ProtectedFacet> facets) {
    return preTraining(table, FavourableOutcome.of(label, favourableLabel), facets, null);
  }

  /** @param groupVariable the column CDDL conditions on, or null (CDDL is then undefined, as in Clarify) */
  public static BiasReport preTraining(
      Table table, FavourableOutcome outcome, List<ProtectedFacet> facets, String groupVariable) {
    return preTraining(table, outcome, facets, groupVariable, preTrainingMethods());
  }

  /**
   * Only the pre-training metrics named in {@code methods} (as in Clarify's {@code methods.pre_training_bias}),
   * in Clarify's order; see {@link #preTrainingMethods()}.
   */
  public static BiasReport preTraining(Table table, FavourableOutcome outcome, List<ProtectedFacet> facets,
      String groupVariable, Collection<String> methods) {
    return new BiasReport(BiasReport.VERSION,
        section(table, outcome, null, facets, groupVariable, select(ClarifyMetric.PRE_TRAINING, methods)), null);
  }

  /** The names of the pre-training metrics, as Clarify's analysis configuration and report spell them. */
  public static List<String> preTrainingMethods() {
    return ClarifyMetric.PRE_TRAINING.stream().map(ClarifyMetric::name).toList();
  }

  /** The names of the post-training metrics, as Clarify's analysis configuration and report spell them. */
  public static List<String> postTrainingMethods() {
    return ClarifyMetric.POST_TRAINING.stream().map(ClarifyMetric::name).toList();
  }

  /** Every post-training metric of {@code predictedLabels} (one per row of {@code table}), no group variable. */
  public static BiasReport postTraining(
      Table table, String label, String favourableLabel, List<String> predictedLabels, List<ProtectedFacet> facets) {
    return postTraining(table, FavourableOutcome.of(label, favourableLabel), predictedLabels, facets, null);
  }

  /** @param groupVariable the column CDDPL conditions on, or null (CDDPL is then undefined, as in Clarify) */
  public static BiasReport postTraining(Table table, FavourableOutcome outcome, List<String> predictedLabels,
      List<ProtectedFacet> facets, String groupVariable) {
    return postTraining(table, outcome, predictedLabels, facets, groupVariable, postTrainingMethods());
  }

  /** Only the post-training metrics named in {@code methods}; see {@link #postTrainingMethods()}. */
  public static BiasReport postTraining(Table table, FavourableOutcome outcome, List<String> predictedLabels,
      List<ProtectedFacet> facets, String groupVariable, Collection<String> methods) {
    if (predictedLabels.size() != table.rowCount()) {
      throw new IllegalArgumentException(
          predictedLabels.size() + " predictions for a table of " + table.rowCount() + " rows");
    }
    return new BiasReport(BiasReport.VERSION, null,
        section(table, outcome, predictedLabels, facets, groupVariable,
            select(ClarifyMetric.POST_TRAINING, methods)));
  }

  private static List<ClarifyMetric> select(List<ClarifyMetric> stage, Collection<String> methods) {
    List<String> names = stage.stream().map(ClarifyMetric::name).toList();
    List<String> unknown = methods.stream().filter(method -> !names.contains(method)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown bias metrics " + unknown + "; this stage has " + names);
    }
    return stage.stream().filter(metric -> methods.contains(metric.name())).toList();
  }

  private static Section section(Table table, FavourableOutcome outcome, List<String> predictedLabels,
      List<ProtectedFacet> facets, String groupVariable, List<ClarifyMetric> metrics) {
    ValuesOrThreshold favourableSplit = outcome.split();
    List<String> labels = table.column(outcome.label());
    Boolean[] favourable = favourableSplit.split(labels);
    boolean[] predictedFavourable = predictedLabels == null ? null : predictedFavourable(favourableSplit,
        predictedLabels);
    List<String> groups = groupVariable == null ? null : table.column(groupVariable);
    Map<String, List<FacetResult>> results = new TreeMap<>();
    for (ProtectedFacet protectedFacet : facets) {
      Facet facet = Facet.of(protectedFacet);
      Boolean[] sensitive = facet.sensitive(table);
      int[] rows = IntStream.range(0, table.rowCount())
          .filter(row -> sensitive[row] != null && favourable[row] != null).toArray();
      List<String> featureColumns = table.columns().stream()
          .filter(column -> !column.equals(facet.column()) && !column.equals(outcome.label())).toList();
      FacetRows facetRows = FacetRows.of(table, rows,
          pick(rows, row -> sensitive[row]),
          pick(rows, row -> favourable[row]),
          predictedFavourable == null ? null : pick(rows, row -> predictedFavourable[row]),
          groups == null ? null : rows(rows, groups),
          featureColumns);
      results.computeIfAbsent(facet.column(), column -> new ArrayList<>())
          .add(new FacetResult(facet.valueOrThreshold(table), measure(metrics, facetRows)));
    }
    return new Section(outcome.label(), favourableSplit.describe(table), results);
  }

  private static List<BiasMetric> measure(List<ClarifyMetric> metrics, FacetRows rows) {
    boolean anyFavourablePrediction = rows.predicted() == null || rows.a().predicted() + rows.d().predicted() > 0;
    if (!anyFavourablePrediction) {
      // Clarify refuses the whole post-training report here; a null per metric keeps the document readable.
      return metrics.stream().map(metric -> metric.undefined(
          "the model predicts the favourable outcome for no row: Clarify computes no post-training metric")).toList();
    }
    return metrics.stream().map(metric -> metric.on(rows)).toList();
  }

  private static boolean[] predictedFavourable(ValuesOrThreshold favourableSplit, List<String> predictedLabels) {
    boolean[] favourable = new boolean[predictedLabels.size()];
    for (int row = 0; row < favourable.length; row++) {
      String predicted = predictedLabels.get(row);
      favourable[row] = !Table.isMissing(predicted) && favourableSplit.contains(predicted);
    }
    return favourable;
  }

  private static boolean[] pick(int[] rows, IntPredicate test) {
    boolean[] picked = new boolean[rows.length];
    for (int i = 0; i < rows.length; i++) {
      picked[i] = test.test(rows[i]);
    }
    return picked;
  }

  private static String[] rows(int[] rows, List<String> cells) {
    return IntStream.of(rows).mapToObj(cells::get).toArray(String[]::new);
  }
}
