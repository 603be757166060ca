package io.govflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.govflow.evidence.EvidenceRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the measurements out of an evidence document, whichever provider wrote it. The documents follow SageMaker's
 * shapes, so this is the one place that knows them:
 * <ul>
 *   <li>pre-/post-training-bias: Clarify analysis.json, {@code <kind>_bias_metrics.facets.<column>[].metrics[]};
 *   <li>model-quality: Model Monitor {@code binary_classification_metrics.<metric>.value};
 *   <li>data-statistics: Model Monitor statistics.json {@code features[]} (completeness per feature) and the
 *       govflow {@code label} section (class balance);
 *   <li>training-metrics: {@code metrics.<name>}.
 * </ul>
 */
public final class EvidenceMeasurements {

  private EvidenceMeasurements() {}

  public static List<Measurement> of(String evidence, JsonNode document) {
    List<Measurement> out = new ArrayList<>();
    switch (evidence) {
      case EvidenceRef.PRE_TRAINING_BIAS -> bias(evidence, document.path("pre_training_bias_metrics"), out);
      case EvidenceRef.POST_TRAINING_BIAS -> bias(evidence, document.path("post_training_bias_metrics"), out);
      case EvidenceRef.MODEL_QUALITY -> modelQuality(evidence, document.path("binary_classification_metrics"), out);
      case EvidenceRef.DATA_STATISTICS -> dataStatistics(evidence, document, out);
      case EvidenceRef.TRAINING_METRICS -> numbers(evidence, "training", document.path("metrics"), out);
      default -> { }
    }
    return out;
  }

  private static void bias(String evidence, JsonNode section, List<Measurement> out) {
    for (Iterator<Map.Entry<String, JsonNode>> facets = section.path("facets").fields(); facets.hasNext(); ) {
      Map.Entry<String, JsonNode> facet = facets.next();
      for (JsonNode group : facet.getValue()) {
        String subject = facet.getKey() + "=" + text(group.path("value_or_threshold"));
        for (JsonNode metric : group.path("metrics")) {
          out.add(new Measurement(evidence, subject, metric.path("name").asText(), number(metric.path("value"))));
        }
      }
    }
  }

  private static void modelQuality(String evidence, JsonNode metrics, List<Measurement> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> metric = it.next();
      if (metric.getValue().has("value")) {
        out.add(new Measurement(evidence, "model", metric.getKey(), number(metric.getValue().path("value"))));
      }
    }
  }

  private static void dataStatistics(String evidence, JsonNode document, List<Measurement> out) {
    for (JsonNode feature : document.path("features")) {
      JsonNode common = feature.has("numerical_statistics")
          ? feature.path("numerical_statistics").path("common")
          : feature.path("string_statistics").path("common");
      double present = common.path("num_present").asDouble();
      double missing = common.path("num_missing").asDouble();
      Double completeness = present + missing == 0 ? null : present / (present + missing);
      out.add(new Measurement(evidence, feature.path("name").asText(), "completeness", completeness));
    }
    numbers(evidence, "label", document.path("label").path("metrics"), out);
  }

  private static void numbers(String evidence, String subject, JsonNode values, List<Measurement> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> value = it.next();
      out.add(new Measurement(evidence, subject, value.getKey(), number(value.getValue())));
    }
  }

  private static Double number(JsonNode node) {
    return node.isNumber() ? node.asDouble() : null;
  }

  private static String text(JsonNode node) {
    if (node.isArray()) {
      List<String> values = new ArrayList<>();
      node.forEach(v -> values.add(v.asText()));
      return String.join(",", values);
    }
    return node.asText();
  }
}
