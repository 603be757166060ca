package io.govflow.evaluation.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A bias document in Clarify's analysis.json shape: one of {@code pre_training_bias_metrics} and
 * {@code post_training_bias_metrics}, each with the label, its favourable value and, per facet column, the metrics
 * for the sensitive group, named as Clarify names it ({@code "(25, 75]"} for a threshold). A metric Clarify cannot
 * compute on this data (an empty group, no group variable) has a null value and an {@code error} saying why; one
 * where Clarify divides a positive count by zero is the string {@code "Infinity"} (or {@code "-Infinity"}), as in
 * Clarify's own analysis.json.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BiasReport(String version, Section preTrainingBiasMetrics, Section postTrainingBiasMetrics) {

  public static final String VERSION = "1.0";

  public record Section(String label, String labelValueOrThreshold, Map<String, List<FacetResult>> facets) {}

  public record FacetResult(String valueOrThreshold, List<BiasMetric> metrics) {}

  public record BiasMetric(
      String name, String description, Double value, @JsonInclude(JsonInclude.Include.NON_NULL) String error) {}
}
