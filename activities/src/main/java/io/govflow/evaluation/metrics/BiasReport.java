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
 *
 * <p>govflow adds fields Clarify's readers skip: per metric a {@code confidence_interval}, per facet value the
 * {@code warnings} about groups too small to judge, and per section the {@code bootstrap} that drew the intervals.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BiasReport(String version, Section preTrainingBiasMetrics, Section postTrainingBiasMetrics) {

  public static final String VERSION = "1.0";

  /** @param bootstrap how the confidence intervals were drawn; null when they were not */
  public record Section(String label, String labelValueOrThreshold, Map<String, List<FacetResult>> facets,
      @JsonInclude(JsonInclude.Include.NON_NULL) Bootstrap bootstrap) {}

  /** @param warnings each group of this facet value too small for its metrics to mean anything, and why */
  public record FacetResult(String valueOrThreshold, List<BiasMetric> metrics,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {}

  /** @param confidenceInterval the bootstrap interval of the value; null when not drawn or undefined */
  public record BiasMetric(
      String name, String description, Double value, @JsonInclude(JsonInclude.Include.NON_NULL) String error,
      @JsonInclude(JsonInclude.Include.NON_NULL) ConfidenceInterval confidenceInterval) {}

  /**
   * The central {@code level} of the metric's values over the bootstrap resamples where it is defined (percentile
   * method); {@code resamples} says how many those were.
   */
  public record ConfidenceInterval(double lower, double upper, double level, int resamples) {}
}
