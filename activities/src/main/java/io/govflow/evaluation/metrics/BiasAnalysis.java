package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.BiasReport.BiasMetric;
import io.govflow.evaluation.metrics.BiasReport.ConfidenceInterval;
import io.govflow.evaluation.metrics.BiasReport.FacetResult;
import io.govflow.evaluation.metrics.BiasReport.Section;
import io.govflow.usecase.ProtectedFacet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Builds the bias documents of a table as Clarify's analysis.json: per protected facet, every pre- or post-training
 * metric between its groups (see {@link ClarifyMetric}). Rows without a label, or without a value for the facet,
 * take no part in that facet's metrics (smclarify itself would count a missing facet value in group a and a missing
 * label as unfavourable).
 *
 * <p>Beyond Clarify, each metric gets a seeded bootstrap confidence interval ({@link Bootstrap}; unless the
 * bootstrap is null) and each facet value a warning per group too small for its metrics to mean anything: a group
 * of fewer than {@value #MIN_GROUP_ROWS} rows, or with fewer than {@value #MIN_OUTCOME_ROWS} rows of either label
 * outcome (or, after training, of either predicted outcome), the rule of thumb below which a proportion and its
 * normal approximation are not to be trusted.
 */
public final class BiasAnalysis {

  static final int MIN_GROUP_ROWS = 30;
  static final int MIN_OUTCOME_ROWS = 5;

  private BiasAnalysis() {}

  /** Every pre-training metric of the observed labels, with one favourable label value and no group variable. */
  public static BiasReport preTraining(
      Table table, String label, String favourableLabel, List<ProtectedFacet> facets) {
    return preTraining(table, FavourableOutcome.of(label, favourableLabel), facets, null);
  }

  /** @param groupVariable the column CDDL conditions on, or null (CDDL is then undefined, as in Clarify) */
  public static BiasReport preTraining(
      Table table, FavourableOutcome outcome, List<ProtectedFacet> facets, String groupVariable) {
    return preTraining(table, outcome, facets, groupVariable, preTrainingMethods(), Bootstrap.DEFAULT);
  }

  /**
   * Only the pre-training metrics named in {@code methods} (as in Clarify's {@code methods.pre_training_bias}),
   * in Clarify's order; see {@link #preTrainingMethods()}.
   *
   * @param bootstrap how to draw each metric's confidence interval, or null for none
   */
  public static BiasReport preTraining(Table table, FavourableOutcome outcome, List<ProtectedFacet> facets,
      String groupVariable, Collection<String> methods, Bootstrap bootstrap) {
    return new BiasReport(BiasReport.VERSION, section(table, outcome, null, facets, groupVariable,
        select(ClarifyMetric.PRE_TRAINING, methods), bootstrap), null);
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
    return postTraining(table, outcome, predictedLabels, facets, groupVariable, postTrainingMethods(),
        Bootstrap.DEFAULT);
  }

  /**
   * Only the post-training metrics named in {@code methods}; see {@link #postTrainingMethods()}.
   *
   * @param bootstrap how to draw each metric's confidence interval, or null for none
   */
  public static BiasReport postTraining(Table table, FavourableOutcome outcome, List<String> predictedLabels,
      List<ProtectedFacet> facets, String groupVariable, Collection<String> methods, Bootstrap bootstrap) {
    if (predictedLabels.size() != table.rowCount()) {
      throw new IllegalArgumentException(
          predictedLabels.size() + " predictions for a table of " + table.rowCount() + " rows");
    }
    return new BiasReport(BiasReport.VERSION, null, section(table, outcome, predictedLabels, facets, groupVariable,
        select(ClarifyMetric.POST_TRAINING, methods), bootstrap));
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
      List<ProtectedFacet> facets, String groupVariable, List<ClarifyMetric> metrics, Bootstrap bootstrap) {
    ValuesOrThreshold favourableSplit = outcome.split();
    Boolean[] favourable = favourableSplit.split(table.column(outcome.label()));
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
      FacetRows facetRows = facetRows(table, rows, sensitive, favourable, predictedFavourable, groups,
          featureColumns);
      FlipTest.Flips flips = metrics.contains(ClarifyMetric.FT) ? FlipTest.flips(facetRows) : null;
      FacetCounts counts = facetRows.counts(flips);
      Ratio[] values = measure(metrics, counts);
      ConfidenceInterval[] intervals = bootstrap == null
          ? new ConfidenceInterval[metrics.size()]
          : BiasBootstrap.intervals(facetRows, flips, values, resample -> measure(metrics, resample), bootstrap);
      List<BiasMetric> measured = new ArrayList<>(metrics.size());
      for (int m = 0; m < metrics.size(); m++) {
        measured.add(metrics.get(m).measured(values[m], intervals[m]));
      }
      String valueOrThreshold = facet.valueOrThreshold(table);
      results.computeIfAbsent(facet.column(), column -> new ArrayList<>()).add(new FacetResult(valueOrThreshold,
          measured, smallGroups(counts, facet.column() + " = " + valueOrThreshold)));
    }
    return new Section(outcome.label(), favourableSplit.describe(table), results, bootstrap);
  }

  /** The metrics on these counts, in order. */
  private static Ratio[] measure(List<ClarifyMetric> metrics, FacetCounts counts) {
    Ratio[] values = new Ratio[metrics.size()];
    boolean anyFavourablePrediction = !counts.predicted() || counts.a().predicted() + counts.d().predicted() > 0;
    for (int m = 0; m < values.length; m++) {
      // Clarify refuses the whole post-training report here; a null per metric keeps the document readable.
      values[m] = anyFavourablePrediction ? metrics.get(m).value(counts) : Ratio.undefined(
          "the model predicts the favourable outcome for no row: Clarify computes no post-training metric");
    }
    return values;
  }

  /** The facet's rows typed as {@link FacetCounts} counts them, group variable values numbered in sorted order. */
  private static FacetRows facetRows(Table table, int[] rows, Boolean[] sensitive, Boolean[] favourable,
      boolean[] predictedFavourable, List<String> groups, List<String> featureColumns) {
    byte[] types = new byte[rows.length];
    for (int i = 0; i < rows.length; i++) {
      int row = rows[i];
      types[i] = (byte) ((sensitive[row] ? FacetCounts.SENSITIVE : 0)
          | (favourable[row] ? FacetCounts.FAVOURABLE : 0)
          | (predictedFavourable != null && predictedFavourable[row] ? FacetCounts.PREDICTED : 0));
    }
    int[] groupIndex = new int[rows.length];
    int groupCount = 1;
    if (groups != null) {
      List<String> values = IntStream.of(rows).mapToObj(groups::get).distinct().sorted().toList();
      Map<String, Integer> index = new HashMap<>();
      values.forEach(value -> index.put(value, index.size()));
      for (int i = 0; i < rows.length; i++) {
        groupIndex[i] = index.get(groups.get(rows[i]));
      }
      groupCount = Math.max(1, values.size());
    }
    return new FacetRows(table, rows, types, groupIndex, groupCount, groups != null, predictedFavourable != null,
        featureColumns);
  }

  /** One warning per group of the facet value that is too small to judge; see the class comment for the rule. */
  private static List<String> smallGroups(FacetCounts counts, String sensitiveGroup) {
    List<String> warnings = new ArrayList<>();
    smallGroup(counts.d(), "group d (" + sensitiveGroup + ")", counts.predicted(), warnings);
    smallGroup(counts.a(), "group a (the rows outside " + sensitiveGroup + ")", counts.predicted(), warnings);
    return warnings;
  }

  private static void smallGroup(GroupCounts group, String name, boolean predicted, List<String> warnings) {
    if (group.n() == 0) {
      return;
    }
    if (group.n() < MIN_GROUP_ROWS) {
      warnings.add(String.format(Locale.ROOT, "%s has %d rows, fewer than %d: every metric comparing it rests on "
          + "too few rows to mean anything", name, group.n(), MIN_GROUP_ROWS));
      return;
    }
    if (Math.min(group.labelled(), group.labelledUnfavourable()) < MIN_OUTCOME_ROWS) {
      warnings.add(String.format(Locale.ROOT, "%s has %d rows with the favourable label and %d without, fewer "
          + "than %d of one outcome: metrics of its label proportions rest on too few rows to mean anything",
          name, group.labelled(), group.labelledUnfavourable(), MIN_OUTCOME_ROWS));
    }
    if (predicted && Math.min(group.predicted(), group.predictedUnfavourable()) < MIN_OUTCOME_ROWS) {
      warnings.add(String.format(Locale.ROOT, "%s has %d rows predicted favourable and %d not, fewer than %d of "
          + "one outcome: metrics of its predicted proportions rest on too few rows to mean anything",
          name, group.predicted(), group.predictedUnfavourable(), MIN_OUTCOME_ROWS));
    }
  }

  private static boolean[] predictedFavourable(ValuesOrThreshold favourableSplit, List<String> predictedLabels) {
    boolean[] favourable = new boolean[predictedLabels.size()];
    for (int row = 0; row < favourable.length; row++) {
      String predicted = predictedLabels.get(row);
      favourable[row] = !Table.isMissing(predicted) && favourableSplit.contains(predicted);
    }
    return favourable;
  }
}
