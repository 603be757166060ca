package io.govflow.monitoring.local;

import io.govflow.evaluation.metrics.BiasReport;
import io.govflow.evaluation.metrics.BiasReport.BiasMetric;
import io.govflow.evaluation.metrics.BiasReport.FacetResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Clarify's bias drift check: the post-training bias of labelled production traffic against the offline evaluation's
 * (the baseline constraints), written as Clarify's constraint_violations.json. Clarify logs a violation when a metric
 * is farther from its fair value than the baseline's (DPPL 0.2 in the baseline: 0.1 passes, -0.3 does not); here a
 * run must be farther by more than {@value #TOLERANCE}, since Clarify's rule taken exactly would raise drift on the
 * sampling noise of every hour's few hundred labels.
 *
 * <p>Checked: the metrics govflow's policies hold a model to, DPPL (fair at 0) and DI (fair at 1). The metrics
 * that compare error rates between the groups (AD, RD, SD, DAR, DRR, ...) move further than this tolerance on the
 * sampling noise of groups of a few dozen labelled rows, the size of credit-g's younger applicants in a 300-row
 * evaluation; CDDPL, FT and GE need what a run lacks (a group variable, the model, every row's benefit).
 */
public final class BiasDriftCheck {

  static final double TOLERANCE = 0.1;
  static final Map<String, Double> FAIR_VALUES = Map.of("DI", 1.0, "DPPL", 0.0);
  static final String CHECK_TYPE = "bias_drift_check";

  private BiasDriftCheck() {}

  public record Violations(String version, List<Violation> violations) {}

  public record Violation(
      String facet, String facetValue, String metricName, String constraintCheckType, String description) {}

  /**
   * The violations of {@code current} against {@code baseline}: facets are matched by column and then by position,
   * since a threshold facet's name ({@code "(25, 75]"}) carries the range of the data it was measured on.
   */
  public static Violations check(BiasReport baseline, BiasReport current) {
    List<Violation> violations = new ArrayList<>();
    if (baseline.postTrainingBiasMetrics() == null || current.postTrainingBiasMetrics() == null) {
      return new Violations(BiasReport.VERSION, violations);
    }
    Map<String, List<FacetResult>> now = current.postTrainingBiasMetrics().facets();
    baseline.postTrainingBiasMetrics().facets().forEach((facet, groups) -> {
      List<FacetResult> currentGroups = now.getOrDefault(facet, List.of());
      for (int g = 0; g < Math.min(groups.size(), currentGroups.size()); g++) {
        FacetResult reference = groups.get(g);
        for (BiasMetric metric : reference.metrics()) {
          drift(facet, reference.valueOrThreshold(), metric, find(currentGroups.get(g), metric.name()))
              .ifPresent(violations::add);
        }
      }
    });
    return new Violations(BiasReport.VERSION, violations);
  }

  private static Optional<Violation> drift(String facet, String group, BiasMetric baseline, Optional<Double> current) {
    Double fair = FAIR_VALUES.get(baseline.name());
    if (fair == null || !isFinite(baseline.value()) || current.isEmpty() || !isFinite(current.get())) {
      return Optional.empty();
    }
    double allowed = Math.abs(baseline.value() - fair) + TOLERANCE;
    double distance = Math.abs(current.get() - fair);
    if (distance <= allowed) {
      return Optional.empty();
    }
    return Optional.of(new Violation(facet, group, baseline.name(), CHECK_TYPE, String.format(Locale.ROOT,
        "Value %.4f does not meet the constraint requirement: %s is %.4f from its fair value %s, more than the "
            + "baseline's %.4f (value %.4f) plus the tolerance %s",
        current.get(), baseline.name(), distance, fair, allowed - TOLERANCE, baseline.value(), TOLERANCE)));
  }

  private static Optional<Double> find(FacetResult group, String metric) {
    return group.metrics().stream().filter(m -> m.name().equals(metric)).findFirst().map(BiasMetric::value);
  }

  private static boolean isFinite(Double value) {
    return value != null && Double.isFinite(value);
  }
}
