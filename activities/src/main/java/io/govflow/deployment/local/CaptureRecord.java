package io.govflow.deployment.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.training.local.ScoredRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One captured invocation as SageMaker's data capture writes it, one JSON line:
 * <pre>{"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"...","encoding":"CSV"},
 * "endpointOutput":{"observedContentType":"application/json","mode":"OUTPUT","data":"...","encoding":"JSON"}},
 * "eventMetadata":{"eventId":"<uuid>","inferenceId":"<caller's id, if sent>","inferenceTime":"2026-01-31T10:15:30.123Z"},
 * "eventVersion":"0"}</pre>
 * Ground truth is matched to traffic by {@code eventId} (or the caller's {@code inferenceId}).
 */
public record CaptureRecord(String eventId, String inferenceId, Instant inferenceTime, Payload input, Payload output) {

  static final String EVENT_VERSION = "0";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * One side of the exchange. {@code data} is the body as sent: text under encoding CSV or JSON, Base64 of the bytes
   * under BASE64 (what SageMaker does for a content type it is not told is CSV or JSON).
   */
  public record Payload(String observedContentType, String data, String encoding) {

    public static final String CSV = "CSV";
    public static final String JSON = "JSON";
    public static final String BASE64 = "BASE64";

    /** The body as text, decoded from Base64 if it was captured so. */
    public String text() {
      return BASE64.equals(encoding) ? new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8) : data;
    }
  }

  /**
   * The rows the endpoint scored, column → value, read from the captured input as the endpoint read it (see
   * {@link Invocations}) for a model of these feature columns and label; {@link IllegalArgumentException} if the
   * input is not such rows.
   */
  public List<Map<String, String>> inputRows(List<String> featureColumns, String label) {
    try {
      return Invocations.decode(Invocations.mediaType(input.observedContentType()), input.text(), featureColumns,
          label);
    } catch (InvocationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The endpoint's answer, one prediction per input row; {@link IllegalArgumentException} if there is none. */
  public List<ScoredRow> predictions() {
    if (output == null || output.data() == null) {
      throw new IllegalArgumentException("the record of " + eventId + " captured no output");
    }
    return Invocations.readPredictions(output.text());
  }

  /** The line for the capture file, without its line break. */
  public String toJsonLine() {
    ObjectNode line = MAPPER.createObjectNode();
    ObjectNode capture = line.putObject("captureData");
    payload(capture.putObject("endpointInput"), input, "INPUT");
    payload(capture.putObject("endpointOutput"), output, "OUTPUT");
    ObjectNode metadata = line.putObject("eventMetadata");
    metadata.put("eventId", eventId);
    if (inferenceId != null) {
      metadata.put("inferenceId", inferenceId);
    }
    metadata.put("inferenceTime", inferenceTime.truncatedTo(ChronoUnit.MILLIS).toString());
    line.put("eventVersion", EVENT_VERSION);
    return Invocations.write(line);
  }

  /** A captured line read back; {@link IllegalArgumentException} if it is not a capture record. */
  public static CaptureRecord parse(String line) {
    try {
      JsonNode root = MAPPER.readTree(line);
      JsonNode capture = root.path("captureData");
      JsonNode metadata = root.path("eventMetadata");
      String eventId = metadata.path("eventId").asText(null);
      if (eventId == null || !capture.has("endpointInput")) {
        throw new IllegalArgumentException("not a data capture record: no eventMetadata.eventId or endpointInput");
      }
      return new CaptureRecord(eventId, metadata.path("inferenceId").asText(null),
          Instant.parse(metadata.path("inferenceTime").asText()),
          payload(capture.path("endpointInput")), capture.has("endpointOutput")
              ? payload(capture.path("endpointOutput")) : null);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON line: " + e.getOriginalMessage(), e);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("inferenceTime is not an ISO-8601 instant: " + e.getParsedString(), e);
    }
  }

  private static void payload(ObjectNode node, Payload payload, String mode) {
    node.put("observedContentType", payload.observedContentType());
    node.put("mode", mode);
    node.put("data", payload.data());
    node.put("encoding", payload.encoding());
  }

  private static Payload payload(JsonNode node) {
    return new Payload(node.path("observedContentType").asText(null), node.path("data").asText(null),
        node.path("encoding").asText(null));
  }
}
