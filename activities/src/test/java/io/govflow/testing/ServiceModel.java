package io.govflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A service's published API model (botocore's {@code service-2.json}, rest-json protocol) read as a contract: which
 * operation an HTTP request is, whether its labels, query, headers and body fit the operation's input shape
 * (required members, types, enums, lengths, ranges, patterns, unknown members), whether an answer fits the output
 * shape, and the smallest answer that does.
 */
public final class ServiceModel {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Candidates for a string the model constrains and a scenario did not supply; the first that fits is used. */
  private static final List<String> SAMPLE_STRINGS = List.of("stub", "dzd_stub", "stub-1", "a", "1",
      "arn:aws:iam::123456789012:role/stub", "2025-01-01T00:00:00Z");
  private static final String SAMPLE_TIME = "2025-01-01T00:00:00Z";

  private final JsonNode operations;
  private final JsonNode shapes;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  public ServiceModel(JsonNode model) {
    this.operations = model.path("operations");
    this.shapes = model.path("shapes");
    if (!operations.isObject() || !shapes.isObject()) {
      throw new IllegalArgumentException("not a service model: no operations and shapes");
    }
  }

  /** An operation matched by an HTTP request, with its URI labels decoded. */
  public record Match(String operation, Map<String, String> labels) {}

  /**
   * The operation that {@code method} and {@code rawPath} call: the HTTP binding whose URI template fits, literal
   * segments preferred over labels when several do.
   */
  public Optional<Match> match(String method, String rawPath) {
    String[] path = segments(rawPath);
    Match best = null;
    int bestLiterals = -1;
    for (Iterator<Map.Entry<String, JsonNode>> it = operations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> operation = it.next();
      JsonNode http = operation.getValue().path("http");
      if (!method.equalsIgnoreCase(http.path("method").asText())) {
        continue;
      }
      String template = http.path("requestUri").asText();
      int query = template.indexOf('?');
      String[] expected = segments(query < 0 ? template : template.substring(0, query));
      Map<String, String> labels = new TreeMap<>();
      int literals = matchSegments(expected, path, labels);
      if (literals > bestLiterals) {
        best = new Match(operation.getKey(), labels);
        bestLiterals = literals;
      }
    }
    return Optional.ofNullable(best);
  }

  public int responseCode(String operation) {
    return operation(operation).path("http").path("responseCode").asInt(200);
  }

  /** Whether the operation declares {@code error} among the errors it may answer. */
  public boolean declaresError(String operation, String error) {
    for (JsonNode declared : operation(operation).path("errors")) {
      if (error.equals(declared.path("shape").asText())) {
        return true;
      }
    }
    return false;
  }

  public int errorStatus(String error) {
    return shape(error).path("error").path("httpStatusCode").asInt(400);
  }

  /**
   * Every way the request breaks the operation's input shape; empty when it fits. Labels, query parameters and
   * headers arrive as text and are read as their members' types; the body is JSON.
   */
  public List<String> checkInput(String operation, Map<String, String> labels, Map<String, List<String>> query,
      Map<String, List<String>> headers, JsonNode body) {
    String inputShape = operation(operation).path("input").path("shape").asText(null);
    List<String> violations = new ArrayList<>();
    if (inputShape == null) {
      if (body != null && body.size() > 0) {
        violations.add(operation + " takes no input, but the body holds " + body);
      }
      return violations;
    }
    JsonNode shape = shape(inputShape);
    Set<String> bodyMembers = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      String name = member.getKey();
      JsonNode ref = member.getValue();
      String target = ref.path("shape").asText();
      String where = inputShape + "." + name;
      String location = ref.path("location").asText("");
      String wireName = ref.path("locationName").asText(name);
      int unreadable = violations.size();
      JsonNode value = switch (location) {
        case "uri" -> labels.containsKey(wireName) ? fromText(target, labels.get(wireName), where, violations) : null;
        case "querystring" -> fromQuery(target, query, wireName, where, violations);
        case "header" -> fromHeader(target, headers, wireName, where, violations);
        case "" -> {
          bodyMembers.add(wireName);
          yield body == null ? null : body.get(wireName);
        }
        default -> null;
      };
      if (violations.size() > unreadable) {
        // Text that is not of the member's type: said once, not again as a wrong JSON type.
        continue;
      }
      if (value == null || value.isNull()) {
        if (required(shape, name)) {
          violations.add(where + " is required but missing");
        }
        continue;
      }
      check(where, target, value, violations);
    }
    if (body != null && body.isObject()) {
      body.fieldNames().forEachRemaining(field -> {
        if (!bodyMembers.contains(field)) {
          violations.add(inputShape + " has no body member " + field);
        }
      });
    } else if (body != null && !body.isMissingNode()) {
      violations.add(inputShape + " body must be a JSON object, not " + body.getNodeType());
    }
    return violations;
  }

  /** Every way {@code body} breaks the body members of the operation's output shape. */
  public List<String> checkOutput(String operation, JsonNode body) {
    List<String> violations = new ArrayList<>();
    String outputShape = operation(operation).path("output").path("shape").asText(null);
    if (outputShape == null) {
      return violations;
    }
    check(outputShape, outputShape, bodyOnly(outputShape, body), violations);
    return violations;
  }

  /** The smallest body that fits the operation's output shape: its required members, each at a fitting value. */
  public ObjectNode minimalOutput(String operation) {
    String outputShape = operation(operation).path("output").path("shape").asText(null);
    return outputShape == null ? NODES.objectNode() : (ObjectNode) sample(outputShape, outputShape);
  }

  private JsonNode operation(String name) {
    JsonNode operation = operations.get(name);
    if (operation == null) {
      throw new IllegalArgumentException("the model has no operation " + name);
    }
    return operation;
  }

  private JsonNode shape(String name) {
    JsonNode shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalArgumentException("the model has no shape " + name);
    }
    return shape;
  }

  private static boolean required(JsonNode structure, String member) {
    for (JsonNode name : structure.path("required")) {
      if (member.equals(name.asText())) {
        return true;
      }
    }
    return false;
  }

  /** The body members of an output shape: members bound to headers or the status code are not in the body. */
  private ObjectNode bodyOnly(String outputShape, JsonNode body) {
    ObjectNode copy = body != null && body.isObject() ? ((ObjectNode) body).deepCopy() : NODES.objectNode();
    shape(outputShape).path("members").fields().forEachRemaining(member -> {
      if (member.getValue().has("location")) {
        copy.remove(member.getKey());
      }
    });
    return copy;
  }

  private void check(String where, String shapeName, JsonNode value, List<String> violations) {
    JsonNode shape = shape(shapeName);
    String type = shape.path("type").asText();
    switch (type) {
      case "structure" -> checkStructure(where, shapeName, shape, value, violations);
      case "list" -> {
        if (!value.isArray()) {
          violations.add(where + " must be a list, not " + value.getNodeType());
          return;
        }
        checkRange(where, "items", value.size(), shape, violations);
        String member = shape.path("member").path("shape").asText();
        for (int i = 0; i < value.size(); i++) {
          check(where + "[" + i + "]", member, value.get(i), violations);
        }
      }
      case "map" -> {
        if (!value.isObject()) {
          violations.add(where + " must be a map, not " + value.getNodeType());
          return;
        }
        checkRange(where, "entries", value.size(), shape, violations);
        String keyShape = shape.path("key").path("shape").asText();
        String valueShape = shape.path("value").path("shape").asText();
        value.fields().forEachRemaining(entry -> {
          check(where + " key", keyShape, NODES.textNode(entry.getKey()), violations);
          check(where + "[" + entry.getKey() + "]", valueShape, entry.getValue(), violations);
        });
      }
      case "string" -> checkString(where, shapeName, shape, value, violations);
      case "integer", "long" -> {
        if (!value.isIntegralNumber()) {
          violations.add(where + " must be an integer, not " + value);
          return;
        }
        checkRange(where, "value", value.asLong(), shape, violations);
      }
      case "float", "double" -> {
        if (!value.isNumber()) {
          violations.add(where + " must be a number, not " + value);
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          violations.add(where + " must be a boolean, not " + value);
        }
      }
      case "timestamp" -> checkTimestamp(where, shape, value, violations);
      case "blob" -> {
        try {
          Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
          violations.add(where + " must be base64, not " + value);
        }
      }
      default -> {
        // A document member holds any JSON.
      }
    }
  }

  private void checkStructure(String where, String shapeName, JsonNode shape, JsonNode value,
      List<String> violations) {
    if (!value.isObject()) {
      violations.add(where + " must be a structure (" + shapeName + "), not " + value.getNodeType());
      return;
    }
    JsonNode members = shape.path("members");
    int set = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode member = members.get(field.getKey());
      if (member == null) {
        violations.add(where + " (" + shapeName + ") has no member " + field.getKey());
      } else if (!field.getValue().isNull()) {
        set++;
        check(where + "." + field.getKey(), member.path("shape").asText(), field.getValue(), violations);
      }
    }
    for (JsonNode name : shape.path("required")) {
      if (!value.hasNonNull(name.asText())) {
        violations.add(where + "." + name.asText() + " is required but missing");
      }
    }
    if (shape.path("union").asBoolean(false) && set != 1) {
      violations.add(where + " (" + shapeName + ") is a union: exactly one member must be set, not " + set);
    }
  }

  private void checkString(String where, String shapeName, JsonNode shape, JsonNode value,
      List<String> violations) {
    if (!value.isTextual()) {
      violations.add(where + " must be a string, not " + value);
      return;
    }
    String text = value.asText();
    if (shape.has("enum")) {
      boolean known = false;
      for (JsonNode allowed : shape.get("enum")) {
        known |= allowed.asText().equals(text);
      }
      if (!known) {
        violations.add(where + " must be one of " + shape.get("enum") + ", not '" + text + "'");
      }
    }
    checkRange(where, "characters", text.codePointCount(0, text.length()), shape, violations);
    if (shape.has("pattern") && !pattern(shapeName, shape).matcher(text).find()) {
      violations.add(where + " '" + text + "' does not match " + shape.get("pattern").asText());
    }
  }

  private static void checkTimestamp(String where, JsonNode shape, JsonNode value, List<String> violations) {
    if ("iso8601".equals(shape.path("timestampFormat").asText())) {
      try {
        Instant.parse(value.asText());
      } catch (DateTimeParseException e) {
        violations.add(where + " must be an ISO 8601 instant, not " + value);
      }
    } else if (!value.isNumber()) {
      // rest-json bodies carry timestamps as epoch seconds unless the shape says otherwise.
      violations.add(where + " must be epoch seconds, not " + value);
    }
  }

  private static void checkRange(String where, String unit, long size, JsonNode shape, List<String> violations) {
    if (shape.has("min") && size < shape.get("min").asLong()) {
      violations.add(where + " has " + size + " " + unit + ", fewer than the minimum " + shape.get("min"));
    }
    if (shape.has("max") && size > shape.get("max").asLong()) {
      violations.add(where + " has " + size + " " + unit + ", more than the maximum " + shape.get("max"));
    }
  }

  /** Smithy patterns are ECMA-262 regular expressions, not implicitly anchored: a match anywhere counts. */
  private Pattern pattern(String shapeName, JsonNode shape) {
    return patterns.computeIfAbsent(shapeName, name -> Pattern.compile(shape.get("pattern").asText()));
  }

  private JsonNode fromText(String target, String text, String where, List<String> violations) {
    String type = shape(target).path("type").asText();
    try {
      return switch (type) {
        case "integer", "long" -> NODES.numberNode(Long.parseLong(text));
        case "float", "double" -> NODES.numberNode(Double.parseDouble(text));
        case "boolean" -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw new NumberFormatException("not a boolean");
          }
          yield NODES.booleanNode(Boolean.parseBoolean(text));
        }
        // Timestamps outside the body travel as ISO 8601 text (query) or HTTP dates (headers): read as given.
        case "timestamp" -> NODES.textNode(text);
        default -> NODES.textNode(text);
      };
    } catch (NumberFormatException e) {
      violations.add(where + " must hold type " + type + ", not '" + text + "'");
      return NODES.textNode(text);
    }
  }

  private JsonNode fromQuery(String target, Map<String, List<String>> query, String name, String where,
      List<String> violations) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    JsonNode shape = shape(target);
    if ("list".equals(shape.path("type").asText())) {
      ArrayNode list = NODES.arrayNode();
      String member = shape.path("member").path("shape").asText();
      values.forEach(v -> list.add(fromText(member, v, where, violations)));
      return list;
    }
    if (values.size() > 1) {
      violations.add(where + " is given " + values.size() + " times");
    }
    return fromText(target, values.get(0), where, violations);
  }

  private JsonNode fromHeader(String target, Map<String, List<String>> headers, String name, String where,
      List<String> violations) {
    return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).findFirst()
        .map(h -> fromText(target, h.getValue().get(0), where, violations)).orElse(null);
  }

  private JsonNode sample(String where, String shapeName) {
    JsonNode shape = shape(shapeName);
    switch (shape.path("type").asText()) {
      case "structure" -> {
        ObjectNode object = NODES.objectNode();
        for (JsonNode name : shape.path("required")) {
          JsonNode member = shape.path("members").path(name.asText());
          if (!member.has("location")) {
            object.set(name.asText(), sample(where + "." + name.asText(), member.path("shape").asText()));
          }
        }
        return object;
      }
      case "list" -> {
        ArrayNode list = NODES.arrayNode();
        if (shape.path("min").asInt(0) > 0) {
          list.add(sample(where + "[0]", shape.path("member").path("shape").asText()));
        }
        return list;
      }
      case "map" -> {
        return NODES.objectNode();
      }
      case "integer", "long" -> {
        return NODES.numberNode(shape.path("min").asLong(0));
      }
      case "float", "double" -> {
        return NODES.numberNode(0.0);
      }
      case "boolean" -> {
        return NODES.booleanNode(false);
      }
      case "timestamp" -> {
        return "iso8601".equals(shape.path("timestampFormat").asText()) ? NODES.textNode(SAMPLE_TIME)
            : NODES.numberNode(Instant.parse(SAMPLE_TIME).getEpochSecond());
      }
      case "string" -> {
        if (shape.has("enum")) {
          return shape.get("enum").get(0);
        }
        return SAMPLE_STRINGS.stream().map(NODES::textNode)
            .filter(text -> {
              List<String> violations = new ArrayList<>();
              checkString(where, shapeName, shape, text, violations);
              return violations.isEmpty();
            })
            .findFirst().orElseThrow(() -> new IllegalStateException("no sample fits " + where + " (" + shapeName
                + "); the scenario must answer it"));
      }
      default -> {
        return NODES.textNode("");
      }
    }
  }

  /** Literal segments matched, or -1 when the template does not fit the path. */
  private static int matchSegments(String[] template, String[] path, Map<String, String> labels) {
    int literals = 0;
    for (int i = 0; i < template.length; i++) {
      String segment = template[i];
      if (segment.startsWith("{") && segment.endsWith("+}")) {
        if (i >= path.length) {
          return -1;
        }
        labels.put(segment.substring(1, segment.length() - 2), decode(String.join("/",
            Arrays.copyOfRange(path, i, path.length))));
        return literals;
      }
      if (i >= path.length) {
        return -1;
      }
      if (segment.startsWith("{") && segment.endsWith("}")) {
        labels.put(segment.substring(1, segment.length() - 1), decode(path[i]));
      } else if (segment.equals(path[i])) {
        literals++;
      } else {
        return -1;
      }
    }
    return template.length == path.length ? literals : -1;
  }

  private static String[] segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
