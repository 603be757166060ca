package io.govflow.deployment.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import io.govflow.evaluation.metrics.Table;
import io.govflow.training.local.ScoredRow;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The wire format of an invocation, as SageMaker's InvokeEndpoint carries it for tabular models.
 *
 * <p>In, {@code text/csv}: one row per line, its values in the order of {@link ServedModel#featureColumns()} (the
 * training CSV's columns without the label). A first line whose every field names a column is a header instead:
 * the rows below it map by name, a label column among them is ignored and an absent feature is a missing value.
 * In, {@code application/json}: {@code {"instances": [...]}} or a bare array, each instance an object of column →
 * value (string, number or null), or the values in feature order as an array or as {@code {"features": [...]}}
 * (the instance format of SageMaker's built-in algorithms). Empty or {@code ?} is a missing value,
 * which the model scores as the column's mean; a column the model does not know is refused, so that a misspelt
 * feature is never silently scored as missing.
 *
 * <p>Out, always {@code application/json}: {@code {"predictions": [{"predicted_label": ..., "probability": ...}]}},
 * one per row in order, the probability being that of the model's favourable label.
 */
final class Invocations {

  static final String CSV = "text/csv";
  static final String JSON = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FEATURES = "features";

  private Invocations() {}

  /** The media type of a Content-Type header without its parameters, or null if the header is absent. */
  static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /** The rows of a request body as column → value, checked against what {@code served} takes. */
  static List<Map<String, String>> rows(String mediaType, String body, ServedModel served) {
    List<Map<String, String>> rows = decode(mediaType, body, served.featureColumns(), served.label());
    for (int r = 0; r < rows.size(); r++) {
      requireNumbers(rows.get(r), r + 1, served);
    }
    return rows;
  }

  /**
   * The rows of a body as column → value, for a model whose features are {@code featureColumns} and whose label is
   * {@code label}; values are not checked against the model's types (a monitoring run reads captured rows so).
   */
  static List<Map<String, String>> decode(String mediaType, String body, List<String> featureColumns, String label) {
    List<Map<String, String>> rows;
    if (CSV.equals(mediaType)) {
      rows = csvRows(body, featureColumns, label);
    } else if (JSON.equals(mediaType)) {
      rows = jsonRows(body, featureColumns, label);
    } else {
      throw new InvocationException(InvocationProblem.UNSUPPORTED_CONTENT_TYPE, "Content-Type "
          + (mediaType == null ? "is missing" : "'" + mediaType + "' is not supported")
          + ": send rows as " + CSV + " or " + JSON);
    }
    if (rows.isEmpty()) {
      throw malformed("the body holds no rows: send at least one row of " + featureColumns.size()
          + " feature values");
    }
    return rows;
  }

  /** The response body for the scored rows, in request order. */
  static String predictions(List<ScoredRow> scored) {
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode predictions = body.putArray("predictions");
    for (ScoredRow row : scored) {
      predictions.addObject().put("predicted_label", row.predictedLabel())
          .put("probability", row.favourableProbability());
    }
    return write(body);
  }

  /** The predictions of a response body written by {@link #predictions}; {@link IllegalArgumentException} if not. */
  static List<ScoredRow> readPredictions(String body) {
    JsonNode predictions;
    try {
      predictions = MAPPER.readTree(body).path("predictions");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the response is not JSON: " + e.getOriginalMessage(), e);
    }
    if (!predictions.isArray()) {
      throw new IllegalArgumentException("the response has no predictions array");
    }
    List<ScoredRow> scored = new ArrayList<>();
    for (JsonNode prediction : predictions) {
      JsonNode label = prediction.path("predicted_label");
      JsonNode probability = prediction.path("probability");
      if (!label.isTextual() || !probability.isNumber()) {
        throw new IllegalArgumentException("prediction " + (scored.size() + 1)
            + " lacks a text predicted_label or a numeric probability");
      }
      scored.add(new ScoredRow(label.asText(), probability.asDouble()));
    }
    return scored;
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree is always writable", e);
    }
  }

  private static List<Map<String, String>> csvRows(String body, List<String> featureColumns, String label) {
    List<String[]> records;
    try (CSVReader reader = new CSVReaderBuilder(new StringReader(body)).build()) {
      records = reader.readAll().stream().filter(r -> !(r.length == 1 && r[0].isBlank())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a request body held in memory", e);
    } catch (CsvException e) {
      throw malformed("unreadable CSV at line " + e.getLineNumber() + ": " + e.getMessage());
    }
    if (records.isEmpty()) {
      return List.of();
    }
    List<String> header = header(records.get(0), featureColumns, label);
    List<String> columns = header == null ? featureColumns : header;
    List<Map<String, String>> rows = new ArrayList<>();
    for (int r = header == null ? 0 : 1; r < records.size(); r++) {
      String[] values = records.get(r);
      int row = rows.size() + 1;
      if (values.length != columns.size()) {
        throw malformed("row " + row + " has " + values.length + " values but " + columns.size() + " are expected"
            + (header == null ? ", the features in this order: " + String.join(",", columns)
                + " (or start the body with a header line naming the columns)"
                : ", one per column of the header line"));
      }
      Map<String, String> named = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        named.put(columns.get(c), values[c].strip());
      }
      rows.add(named);
    }
    return rows;
  }

  /** The first record as a header if every field names a column of the model, else null (it is a data row). */
  private static List<String> header(String[] first, List<String> featureColumns, String label) {
    Set<String> known = new HashSet<>(featureColumns);
    known.add(label);
    List<String> names = new ArrayList<>();
    for (String field : first) {
      String name = field.strip();
      if (!known.contains(name) || names.contains(name)) {
        return null;
      }
      names.add(name);
    }
    return names;
  }

  private static List<Map<String, String>> jsonRows(String body, List<String> featureColumns, String label) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed("unreadable JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    }
    JsonNode instances = root != null && root.isObject() ? root.get("instances") : root;
    if (instances == null || !instances.isArray()) {
      throw malformed("the JSON body must be {\"instances\": [...]} or an array of instances, each an object of"
          + " column to value or an array of values in feature order");
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode instance : instances) {
      rows.add(jsonRow(instance, rows.size() + 1, featureColumns, label));
    }
    return rows;
  }

  private static Map<String, String> jsonRow(
      JsonNode instance, int row, List<String> featureColumns, String label) {
    Map<String, String> values = new LinkedHashMap<>();
    if (instance.isObject() && instance.size() == 1 && instance.path(FEATURES).isArray()
        && !featureColumns.contains(FEATURES)) {
      return jsonRow(instance.get(FEATURES), row, featureColumns, label);
    }
    if (instance.isArray()) {
      List<String> columns = featureColumns;
      if (instance.size() != columns.size()) {
        throw malformed("instance " + row + " has " + instance.size() + " values but " + columns.size()
            + " are expected, the features in this order: " + String.join(",", columns));
      }
      for (int c = 0; c < columns.size(); c++) {
        values.put(columns.get(c), scalar(instance.get(c), row, columns.get(c)));
      }
    } else if (instance.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = instance.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!field.getKey().equals(label) && !featureColumns.contains(field.getKey())) {
          throw malformed("instance " + row + " has column '" + field.getKey() + "', which the model does not know;"
              + " its features are " + String.join(",", featureColumns));
        }
        values.put(field.getKey(), scalar(field.getValue(), row, field.getKey()));
      }
    } else {
      throw malformed("instance " + row + " is " + instance.getNodeType().name().toLowerCase(Locale.ROOT)
          + ": each instance must be an object of column to value or an array of values in feature order");
    }
    return values;
  }

  private static String scalar(JsonNode value, int row, String column) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isContainerNode()) {
      throw malformed("instance " + row + " column '" + column + "' is a JSON " + value.getNodeType().name()
          .toLowerCase(Locale.ROOT) + ": a value must be a string, a number or null");
    }
    return value.asText().strip();
  }

  private static void requireNumbers(Map<String, String> row, int index, ServedModel served) {
    for (String column : served.model().encoding().numericColumns()) {
      String value = row.get(column);
      if (!Table.isMissing(value)) {
        if (!isFiniteNumber(value)) {
          throw malformed("row " + index + " column '" + column + "' is numeric but has '" + value
              + "': send a finite number, or leave it empty for a missing value");
        }
      }
    }
  }

  private static boolean isFiniteNumber(String value) {
    try {
      return Double.isFinite(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static InvocationException malformed(String detail) {
    return new InvocationException(InvocationProblem.MALFORMED_INPUT, detail);
  }
}
