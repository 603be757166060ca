package io.govflow.evaluation.clarify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.evaluation.clarify.AnalysisConfig.BiasInputs;
import io.govflow.evaluation.metrics.Table;
import io.govflow.usecase.ProtectedFacet;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the analysis_config.json of a Clarify bias job over a CSV data set fed without its header row (the column
 * names go in {@code headers}): the label and its favourable value, one {@code facet} entry per protected facet, and
 * all metrics of one stage. The post-training stage takes the model's predicted labels from a column of the data set
 * ({@code predicted_label}), so Clarify judges the very predictions govflow scored rather than asking a model again.
 *
 * <p>Values of numeric columns are written as JSON numbers, as Clarify compares them with the column's parsed values.
 * Before a processing job is spent on it, the document is read back by {@link AnalysisConfig}, which follows
 * Clarify's rules: where Clarify would read a facet otherwise than govflow means it (one value of a continuous column
 * is a threshold to Clarify), it is refused.
 */
public final class ClarifyBiasConfig {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClarifyBiasConfig() {}

  /** Pre-training bias of the observed labels of {@code dataset}. */
  public static byte[] preTraining(Table dataset, String label, String favourableLabel, List<ProtectedFacet> facets) {
    ObjectNode config = common(dataset, label, favourableLabel, facets);
    config.putObject("methods").putObject("pre_training_bias").put("methods", "all");
    return checked(config, dataset, facets);
  }

  /** Post-training bias of the predicted labels in column {@code predictedLabel} of {@code dataset}. */
  public static byte[] postTraining(Table dataset, String label, String favourableLabel, String predictedLabel,
      List<ProtectedFacet> facets) {
    ObjectNode config = common(dataset, label, favourableLabel, facets);
    config.put("predicted_label", predictedLabel);
    config.putObject("methods").putObject("post_training_bias").put("methods", "all");
    return checked(config, dataset, facets);
  }

  private static ObjectNode common(Table dataset, String label, String favourableLabel, List<ProtectedFacet> facets) {
    if (facets.isEmpty()) {
      throw new IllegalArgumentException("a Clarify bias job needs at least one protected facet");
    }
    ObjectNode config = JSON.createObjectNode();
    config.put("version", "1.0");
    config.put("dataset_type", AnalysisConfig.CSV);
    ArrayNode headers = config.putArray("headers");
    dataset.columns().forEach(headers::add);
    config.put("label", label);
    addValue(config.putArray("label_values_or_threshold"), dataset, label, favourableLabel);
    ArrayNode facetEntries = config.putArray("facet");
    for (ProtectedFacet facet : facets) {
      ObjectNode entry = facetEntries.addObject().put("name_or_index", facet.column());
      ArrayNode values = entry.putArray("value_or_threshold");
      if (facet.threshold() != null) {
        values.add(BigDecimal.valueOf(facet.threshold()));
      } else {
        facet.values().forEach(value -> addValue(values, dataset, facet.column(), value));
      }
    }
    return config;
  }

  private static void addValue(ArrayNode values, Table dataset, String column, String value) {
    if (dataset.hasColumn(column) && dataset.type(column).isNumeric()) {
      values.add(new BigDecimal(value));
    } else {
      values.add(value);
    }
  }

  private static byte[] checked(ObjectNode config, Table dataset, List<ProtectedFacet> facets) {
    String text = config.toPrettyString();
    BiasInputs read = AnalysisConfig.parse(text).resolve(dataset, null);
    if (read.outcome().threshold() != null) {
      throw new InvalidAnalysisConfigException("label_values_or_threshold", "the label column '"
          + read.outcome().label() + "' is numeric with at least 5 % distinct values, so Clarify reads the favourable "
          + "label as a threshold rather than as a class; give the label as text (such as yes/no) or more rows.");
    }
    for (int i = 0; i < facets.size(); i++) {
      ProtectedFacet meant = facets.get(i);
      ProtectedFacet understood = read.facets().get(i);
      if (meant.threshold() == null && understood.threshold() != null) {
        throw new InvalidAnalysisConfigException("facet[" + i + "].value_or_threshold", "'" + meant.column()
            + "' is a continuous column, so Clarify reads the single value " + meant.values() + " as a threshold "
            + "(the sensitive group above it) rather than as a category; give the facet a threshold instead, or "
            + "more than one value.");
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
