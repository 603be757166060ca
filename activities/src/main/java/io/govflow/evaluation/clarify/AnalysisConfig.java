package io.govflow.evaluation.clarify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvValidationException;
import io.govflow.evaluation.metrics.BiasAnalysis;
import io.govflow.evaluation.metrics.BiasReport;
import io.govflow.evaluation.metrics.Bootstrap;
import io.govflow.evaluation.metrics.ColumnType;
import io.govflow.evaluation.metrics.FavourableOutcome;
import io.govflow.evaluation.metrics.Table;
import io.govflow.usecase.ProtectedFacet;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bias part of SageMaker Clarify's analysis_config.json for a CSV data set: {@code dataset_type},
 * {@code headers}, {@code label}, {@code label_values_or_threshold}, {@code facet}, {@code group_variable},
 * {@code predicted_label} (or the older {@code predicted_label_name}), {@code probability_threshold} and
 * {@code methods.pre_training_bias} / {@code methods.post_training_bias}. Other keys a Clarify job may carry
 * (dataset_uri, predictor, shap, report) are ignored. {@link #parse} checks the document's shape,
 * {@link #resolve} checks it against the data set; both refuse with an {@link InvalidAnalysisConfigException}
 * naming the field.
 *
 * <p>Like Clarify, a single value in {@code value_or_threshold} or {@code label_values_or_threshold} is a threshold
 * when the column is numeric and continuous: fractional, or integral with at least 5 % distinct values (smclarify's
 * {@code common.series_datatype}); otherwise the values are categories.
 *
 * @param headers the data set's column names when its CSV has no header row, or null
 * @param facets one per entry of {@code facet}
 * @param preTrainingMethods the pre-training metrics asked for, empty when none
 * @param postTrainingMethods the post-training metrics asked for, empty when none
 */
public record AnalysisConfig(
    List<String> headers,
    ColumnRef label,
    List<String> labelValuesOrThreshold,
    List<FacetConfig> facets,
    ColumnRef groupVariable,
    ColumnRef predictedLabel,
    Double probabilityThreshold,
    List<String> preTrainingMethods,
    List<String> postTrainingMethods) {

  static final String CSV = "text/csv";
  /** smclarify's {@code UNIQUENESS_THRESHOLD}: the distinct share above which an integral column is continuous. */
  static final double CONTINUOUS_DISTINCT_SHARE = 0.05;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A column by name or zero-based index, as Clarify's {@code name_or_index}; {@code field} is where it was set. */
  public record ColumnRef(String field, String name, Integer index) {

    /** The column's name in {@code table}, or a refusal naming the field and the columns there are. */
    String in(Table table, String where) {
      List<String> columns = table.columns();
      if (name != null && !table.hasColumn(name)) {
        throw new InvalidAnalysisConfigException(field, "'" + name + "' is not a column of the " + where
            + "; name one of " + columns + " or give its zero-based index.");
      }
      if (index != null && index >= columns.size()) {
        throw new InvalidAnalysisConfigException(field, "index " + index + " is past the last column of the "
            + where + ", which has " + columns.size() + " columns " + columns + "; indices start at 0.");
      }
      return name != null ? name : columns.get(index);
    }
  }

  /** One entry of {@code facet}: the column, and its sensitive values or threshold (null: every value in turn). */
  public record FacetConfig(ColumnRef column, List<String> valueOrThreshold) {}

  /** What a bias analysis needs, resolved against the data set: the analysis table has no predicted label. */
  public record BiasInputs(Table table, FavourableOutcome outcome, List<ProtectedFacet> facets, String groupVariable,
      List<String> predictedLabels) {}

  /** Reads an analysis_config.json document, refusing what Clarify would refuse or govflow cannot run. */
  public static AnalysisConfig parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidAnalysisConfigException("analysis_config.json", "is not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "): "
          + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidAnalysisConfigException("analysis_config.json",
          "must be a JSON object with dataset_type, label, label_values_or_threshold, facet and methods.");
    }
    checkVersion(root.path("version"));
    checkDatasetType(root.path("dataset_type"));
    JsonNode predicted = root.has("predicted_label") ? root.path("predicted_label") : root.path("predicted_label_name");
    String predictedField = root.has("predicted_label") ? "predicted_label" : "predicted_label_name";
    JsonNode methods = requireObject(root, "methods", "methods",
        "add \"methods\": {\"pre_training_bias\": {\"methods\": \"all\"}}.");
    List<String> pre = methods(methods, "pre_training_bias", BiasAnalysis.preTrainingMethods());
    List<String> post = methods(methods, "post_training_bias", BiasAnalysis.postTrainingMethods());
    if (pre.isEmpty() && post.isEmpty()) {
      throw new InvalidAnalysisConfigException("methods", "asks for no bias metric; add \"pre_training_bias\": "
          + "{\"methods\": \"all\"} and/or \"post_training_bias\": {\"methods\": \"all\"}.");
    }
    return new AnalysisConfig(
        optionalTexts(root.path("headers"), "headers"),
        column(root.path("label"), "label", true),
        values(root.path("label_values_or_threshold"), "label_values_or_threshold", true),
        facets(root.path("facet")),
        column(root.path("group_variable"), "group_variable", false),
        column(predicted, predictedField, false),
        probabilityThreshold(root.path("probability_threshold")),
        pre,
        post);
  }

  /**
   * The data set as a table: a CSV whose first row names the columns, or, when {@code headers} is set and the
   * first row is not those names, a CSV of data rows only (how Clarify's processing jobs are usually fed).
   */
  public Table dataset(String csv) {
    if (headers == null) {
      return Table.parse(csv);
    }
    String[] first = firstRow(csv);
    if (first != null && Arrays.stream(first).map(String::strip).toList().equals(headers)) {
      return Table.parse(csv);
    }
    if (first != null && first.length != headers.size()) {
      throw new InvalidAnalysisConfigException("headers", "names " + headers.size() + " columns but the data set's "
          + "first row has " + first.length + " values; list one name per column, in order.");
    }
    String headerRow = headers.stream().map(name -> '"' + name.replace("\"", "\"\"") + '"')
        .collect(Collectors.joining(","));
    return Table.parse(headerRow + "\n" + csv);
  }

  /**
   * What a Clarify job on this configuration writes as analysis.json: the pre- and post-training bias metrics it asks
   * for, of {@code dataset} and {@code predictions} as {@link #resolve} reads them; with a {@code bootstrap}, each with
   * a confidence interval (Clarify reports none), else without.
   */
  public BiasReport analyse(Table dataset, Table predictions, Bootstrap bootstrap) {
    BiasInputs inputs = resolve(dataset, predictions);
    BiasReport pre = preTrainingMethods.isEmpty() ? null : BiasAnalysis.preTraining(inputs.table(),
        inputs.outcome(), inputs.facets(), inputs.groupVariable(), preTrainingMethods, bootstrap);
    BiasReport post = postTrainingMethods.isEmpty() ? null : BiasAnalysis.postTraining(inputs.table(),
        inputs.outcome(), inputs.predictedLabels(), inputs.facets(), inputs.groupVariable(), postTrainingMethods,
        bootstrap);
    return new BiasReport(BiasReport.VERSION, pre == null ? null : pre.preTrainingBiasMetrics(),
        post == null ? null : post.postTrainingBiasMetrics());
  }

  /**
   * Checks the configuration against the data set and, when post-training metrics are asked for, the predicted
   * labels: a column in {@code predictions} (a table with one row per data set row) or, without it, in the data set.
   */
  public BiasInputs resolve(Table dataset, Table predictions) {
    String labelColumn = label.in(dataset, "data set");
    FavourableOutcome outcome = outcome(dataset, labelColumn);
    List<ProtectedFacet> protectedFacets = new ArrayList<>();
    for (FacetConfig facet : facets) {
      protectedFacets.addAll(protectedFacets(dataset, facet));
    }
    String group = groupVariable == null ? null : groupVariable.in(dataset, "data set");
    if (postTrainingMethods.isEmpty()) {
      return new BiasInputs(dataset, outcome, protectedFacets, group, null);
    }
    if (predictions != null) {
      return new BiasInputs(dataset, outcome, protectedFacets, group, predictedLabels(dataset, predictions));
    }
    if (predictedLabel == null) {
      throw new InvalidAnalysisConfigException("predicted_label", "post_training_bias needs the model's predicted "
          + "labels: name their column of the data set in predicted_label, or give a predictions file.");
    }
    String column = predictedLabel.in(dataset, "data set");
    // The predicted label is an output of the model, not a feature the flip test may compare rows on.
    return new BiasInputs(dataset.without(column), outcome, protectedFacets, group,
        scoresToLabels(dataset.column(column)));
  }

  private List<String> predictedLabels(Table dataset, Table predictions) {
    String column;
    if (predictedLabel != null) {
      column = predictedLabel.in(predictions, "predictions file");
    } else if (predictions.columns().size() == 1) {
      column = predictions.columns().get(0);
    } else {
      throw new InvalidAnalysisConfigException("predicted_label", "the predictions file has the columns "
          + predictions.columns() + ": name the one holding the predicted labels in predicted_label.");
    }
    if (predictions.rowCount() != dataset.rowCount()) {
      throw new InvalidAnalysisConfigException("predictions", "the predictions file has " + predictions.rowCount()
          + " rows but the data set has " + dataset.rowCount() + "; give one prediction per data set row, in order.");
    }
    return scoresToLabels(predictions.column(column));
  }

  /** With {@code probability_threshold}, Clarify turns each score into label 1 above the threshold, else 0. */
  private List<String> scoresToLabels(List<String> predicted) {
    if (probabilityThreshold == null) {
      return predicted;
    }
    List<String> labels = new ArrayList<>(predicted.size());
    for (int row = 0; row < predicted.size(); row++) {
      String cell = predicted.get(row);
      if (Table.isMissing(cell)) {
        labels.add(cell);
        continue;
      }
      try {
        labels.add(Double.parseDouble(cell) > probabilityThreshold ? "1" : "0");
      } catch (NumberFormatException e) {
        throw new InvalidAnalysisConfigException("probability_threshold", "is set, so predictions must be scores, "
            + "but prediction " + (row + 1) + " is '" + cell + "'; leave probability_threshold out for labels.");
      }
    }
    return labels;
  }

  private FavourableOutcome outcome(Table dataset, String labelColumn) {
    String field = "label_values_or_threshold";
    if (isThreshold(dataset, labelColumn, labelValuesOrThreshold)) {
      return new FavourableOutcome(labelColumn, null, threshold(labelValuesOrThreshold.get(0), field));
    }
    return new FavourableOutcome(labelColumn, labelValuesOrThreshold, null);
  }

  private static List<ProtectedFacet> protectedFacets(Table dataset, FacetConfig facet) {
    String column = facet.column().in(dataset, "data set");
    List<String> values = facet.valueOrThreshold();
    String field = facet.column().field().replace("name_or_index", "value_or_threshold");
    if (values == null) {
      if (isContinuous(dataset, column)) {
        throw new InvalidAnalysisConfigException(field, "is missing and '" + column + "' is a continuous column; "
            + "give a threshold, such as [25]: the sensitive group is the rows above it.");
      }
      // Clarify measures each value of the facet against all the others, in sorted order.
      Comparator<String> order = dataset.type(column).isNumeric()
          ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
      return dataset.column(column).stream().filter(cell -> !Table.isMissing(cell)).distinct().sorted(order)
          .map(value -> new ProtectedFacet(column, List.of(value), null)).toList();
    }
    if (isThreshold(dataset, column, values)) {
      return List.of(new ProtectedFacet(column, null, threshold(values.get(0), field)));
    }
    return List.of(new ProtectedFacet(column, values, null));
  }

  private static boolean isThreshold(Table dataset, String column, List<String> values) {
    return values.size() == 1 && isContinuous(dataset, column);
  }

  private static boolean isContinuous(Table dataset, String column) {
    ColumnType type = dataset.type(column);
    if (type == ColumnType.FRACTIONAL) {
      return true;
    }
    if (type != ColumnType.INTEGRAL) {
      return false;
    }
    List<String> present = dataset.column(column).stream().filter(cell -> !Table.isMissing(cell)).toList();
    long distinct = present.stream().distinct().count();
    return !present.isEmpty() && (double) distinct / present.size() >= CONTINUOUS_DISTINCT_SHARE;
  }

  private static double threshold(String value, String field) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new InvalidAnalysisConfigException(field, "'" + value + "' is not a number, but its column is numeric "
          + "and continuous, so a single value is a threshold; give a number, such as [25].");
    }
  }

  private static void checkVersion(JsonNode version) {
    if (!version.isMissingNode() && !version.asText().equals("1.0")) {
      throw new InvalidAnalysisConfigException("version", "'" + version.asText() + "' is not supported; Clarify's "
          + "only schema version is \"1.0\": set it so or leave it out.");
    }
  }

  private static void checkDatasetType(JsonNode type) {
    if (type.isMissingNode() || type.isNull()) {
      throw new InvalidAnalysisConfigException("dataset_type", "is missing; set it to \"" + CSV + "\".");
    }
    if (!type.asText().equals(CSV)) {
      throw new InvalidAnalysisConfigException("dataset_type", "'" + type.asText() + "' is not supported: "
          + "govflow-evaluate reads CSV data sets; convert the data set to CSV and set \"" + CSV + "\".");
    }
  }

  private static List<FacetConfig> facets(JsonNode facets) {
    if (!facets.isArray() || facets.isEmpty()) {
      throw new InvalidAnalysisConfigException("facet", "must be a non-empty list of facets, such as [{\"name_or_index"
          + "\": \"age\", \"value_or_threshold\": [25]}].");
    }
    List<FacetConfig> configs = new ArrayList<>();
    for (int i = 0; i < facets.size(); i++) {
      String field = "facet[" + i + "]";
      JsonNode facet = facets.get(i);
      if (!facet.isObject()) {
        throw new InvalidAnalysisConfigException(field, "must be an object with name_or_index and, optionally, "
            + "value_or_threshold.");
      }
      configs.add(new FacetConfig(column(facet.path("name_or_index"), field + ".name_or_index", true),
          values(facet.path("value_or_threshold"), field + ".value_or_threshold", false)));
    }
    return configs;
  }

  private static ColumnRef column(JsonNode node, String field, boolean required) {
    if (node.isMissingNode() || node.isNull()) {
      if (required) {
        throw new InvalidAnalysisConfigException(field, "is missing; give a column name or zero-based index.");
      }
      return null;
    }
    if (node.isTextual() && !node.asText().isBlank()) {
      return new ColumnRef(field, node.asText(), null);
    }
    if (node.isIntegralNumber() && node.asInt() >= 0) {
      return new ColumnRef(field, null, node.asInt());
    }
    throw new InvalidAnalysisConfigException(field, node + " is neither a column name nor a zero-based index.");
  }

  private static List<String> values(JsonNode node, String field, boolean required) {
    if (node.isMissingNode() || node.isNull()) {
      if (required) {
        throw new InvalidAnalysisConfigException(field, "is missing; list the favourable label values, such as "
            + "[\"good\"], or give a threshold, such as [0.5].");
      }
      return null;
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new InvalidAnalysisConfigException(field, "must be a non-empty list of values or a one-element list "
          + "holding a threshold, such as [\"good\"] or [25].");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : node) {
      if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
        throw new InvalidAnalysisConfigException(field, value + " is not a value: list strings or numbers.");
      }
      values.add(value.asText());
    }
    return values;
  }

  private static List<String> optionalTexts(JsonNode node, String field) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    List<String> texts = values(node, field, true);
    if (texts.stream().distinct().count() != texts.size()) {
      throw new InvalidAnalysisConfigException(field, "names a column twice; column names must be unique.");
    }
    return List.copyOf(texts);
  }

  private static Double probabilityThreshold(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
      throw new InvalidAnalysisConfigException("probability_threshold", node + " is not a probability; give a "
          + "number between 0 and 1, such as 0.5, or leave it out when predictions are labels.");
    }
    return node.asDouble();
  }

  private static JsonNode requireObject(JsonNode parent, String key, String field, String fix) {
    JsonNode node = parent.path(key);
    if (!node.isObject()) {
      throw new InvalidAnalysisConfigException(field, (node.isMissingNode() ? "is missing" : "must be an object")
          + "; " + fix);
    }
    return node;
  }

  /** {@code methods.<stage>.methods}: "all" or a list of metric names; empty when the stage is not asked for. */
  private static List<String> methods(JsonNode methods, String stage, List<String> known) {
    if (!methods.has(stage)) {
      return List.of();
    }
    String field = "methods." + stage + ".methods";
    JsonNode names = requireObject(methods, stage, "methods." + stage,
        "write {\"methods\": \"all\"} or {\"methods\": [\"" + known.get(0) + "\", ...]}.").path("methods");
    if (names.isTextual() && names.asText().equals("all")) {
      return known;
    }
    if (!names.isArray() || names.isEmpty()) {
      throw new InvalidAnalysisConfigException(field, "must be \"all\" or a non-empty list of metric names from "
          + known + ".");
    }
    List<String> asked = new ArrayList<>();
    for (JsonNode name : names) {
      if (!known.contains(name.asText())) {
        throw new InvalidAnalysisConfigException(field, name + " is not a " + stage.replace('_', '-')
            + " metric; choose from " + known + " or write \"all\".");
      }
      asked.add(name.asText());
    }
    return List.copyOf(asked);
  }

  private static String[] firstRow(String csv) {
    try (CSVReader reader = new CSVReader(new StringReader(csv))) {
      return reader.readNext();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CSV", e);
    } catch (CsvValidationException e) {
      throw new InvalidAnalysisConfigException("headers", "the data set's first row is not readable CSV: "
          + e.getMessage());
    }
  }
}
