package io.govflow.common.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What a real Clarify job writes where moto's processing jobs write nothing: an analysis.json assembled from the
 * facet reports smclarify 0.5 wrote for the credit use case's facets (tools/clarify-reference golden files,
 * personal_status = female div/dep/mar and age above 25), in Clarify's layout.
 */
public final class ClarifyOutputs {

  public static final String PRE_TRAINING = "pre_training_bias_metrics";
  public static final String POST_TRAINING = "post_training_bias_metrics";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClarifyOutputs() {}

  /** analysis.json with one stage's metrics for both credit facets, as the Clarify container lays it out. */
  public static byte[] creditAnalysis(String stage) {
    ObjectNode analysis = JSON.createObjectNode().put("version", "1.0");
    ObjectNode section = analysis.putObject(stage).put("label", "class").put("label_value_or_threshold", "good");
    ObjectNode facets = section.putObject("facets");
    facets.set("personal_status", golden("credit-g-personal-status-female.json").path(stage));
    facets.set("age", golden("credit-g-age-25.json").path(stage));
    try {
      return JSON.writeValueAsBytes(analysis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value smclarify reported for one metric of one facet report. */
  public static double goldenValue(String report, String stage, String metric) {
    for (JsonNode value : golden(report).path(stage).get(0).path("metrics")) {
      if (value.path("name").asText().equals(metric)) {
        return value.path("value").asDouble();
      }
    }
    throw new IllegalArgumentException(report + " has no " + stage + " metric " + metric);
  }

  private static JsonNode golden(String report) {
    try (InputStream in = ClarifyOutputs.class.getResourceAsStream("/golden/" + report)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
