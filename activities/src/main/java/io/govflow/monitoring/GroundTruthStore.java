package io.govflow.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ground truth posted for a use case's production traffic, in SageMaker Model Monitor's format: one JSON line per
 * label, {@code {"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"<capture eventId>"},
 * "eventVersion":"0"}}, one file per upload at {@code ground-truth/<useCaseId>/<yyyy>/<MM>/<dd>/<HH>/<uploadId>.jsonl},
 * the hour (UTC) it was received: the layout SageMaker's model-quality job merges ground truth from, in whichever
 * artifact store the provider uses (a local folder, or S3 where Model Monitor reads it). The label is written as the
 * provider's monitor compares it ({@link GroundTruthEncoding}).
 *
 * <p>An upload is written once per upload id (the client's Idempotency-Key). Its receipt, at
 * {@code ground-truth/<useCaseId>/uploads/<uploadId>.json}, is written last: it says when the upload was received
 * and where its labels are, so a retry, even hours later, returns the first upload instead of adding a second, and a
 * labels file without a receipt (a write cut short) is never read by {@link #labelsReceivedIn}. Model Monitor reads
 * the hour folders only, so the receipts beside them are not taken for labels.
 */
public final class GroundTruthStore {

  /** One upload as received: its id, how many labels it held, when, and the file that holds them. */
  public record Upload(String uploadId, int labels, Instant receivedAt, String location, String sha256) {}

  /** What names the request a label is for, on either provider: the message of a label without it. */
  public static final String EVENT_ID_NEEDED = "must identify the answered request: on the local provider the "
      + "X-Govflow-Event-Id header of the endpoint's answer; on SageMaker the eventId of its data capture record "
      + "(eventMetadata.eventId), or the InferenceId the caller passed to InvokeEndpoint, which Model Monitor merges "
      + "on when the capture holds one";

  static final String EVENT_VERSION = "0";
  private static final DateTimeFormatter HOUR_FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final String LABELS = ".jsonl";
  private static final String RECEIPT = ".json";

  private final ArtifactStore store;
  private final GroundTruthEncoding encoding;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  /** @param encoding how the provider's monitor compares labels: {@link GroundTruthEncoding#of} the provider */
  public GroundTruthStore(ArtifactStore store, GroundTruthEncoding encoding) {
    this.store = store;
    this.encoding = encoding;
  }

  /** The folder of a use case's ground truth, the one a model-quality monitor is given. */
  public static String folderOf(String useCaseId) {
    return "ground-truth/" + useCaseId;
  }

  /**
   * Keeps the labels as received at {@code at}, encoded for a use case whose favourable label is
   * {@code favourableLabel}. The same upload id again returns the first upload unchanged; with other labels it is
   * refused ({@link IllegalArgumentException}), since the key promised the same request.
   */
  public synchronized Upload write(String useCaseId, String favourableLabel, String uploadId,
      List<GroundTruthLabel> labels, Instant at) {
    requireText(useCaseId, "use case id");
    requireText(uploadId, "upload id (Idempotency-Key)");
    byte[] lines = lines(labels, favourableLabel);
    String sha256 = Digests.sha256(lines);
    String name = fileName(uploadId);
    String receiptKey = folderOf(useCaseId) + "/uploads/" + name + RECEIPT;
    if (store.exists(store.locationOf(receiptKey))) {
      Upload first = readReceipt(store.locationOf(receiptKey));
      if (!first.sha256().equals(sha256)) {
        throw new IllegalArgumentException("upload id '" + uploadId + "' was already used at " + first.receivedAt()
            + " for other labels: send these with a new Idempotency-Key");
      }
      return first;
    }
    String labelsKey = folderOf(useCaseId) + "/" + HOUR_FOLDER.format(at) + "/" + name + LABELS;
    String location = store.put(labelsKey, "ground-truth", lines, "application/jsonl").location();
    Upload upload = new Upload(uploadId, labels.size(), at.truncatedTo(ChronoUnit.MILLIS), location, sha256);
    try {
      store.put(receiptKey, "ground-truth-receipt", json.writeValueAsBytes(upload), "application/json");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an upload receipt is always writable", e);
    }
    return upload;
  }

  /**
   * The labels received in [{@code from}, {@code to}), by capture eventId, as written (encoded). A label posted again
   * for the same event replaces the earlier one: the later upload wins, and of two received at the same instant the
   * upload id sorting last, so the answer never depends on the order files are listed in.
   */
  public Map<String, String> labelsReceivedIn(String useCaseId, Instant from, Instant to) {
    List<Upload> uploads = new ArrayList<>();
    for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
      for (String key : store.keysUnder(folderOf(useCaseId) + "/" + HOUR_FOLDER.format(hour))) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (!name.endsWith(LABELS)) {
          continue;
        }
        String receipt = store.locationOf(folderOf(useCaseId) + "/uploads/"
            + name.substring(0, name.length() - LABELS.length()) + RECEIPT);
        if (store.exists(receipt)) {
          Upload upload = readReceipt(receipt);
          if (!upload.receivedAt().isBefore(from) && upload.receivedAt().isBefore(to)) {
            uploads.add(upload);
          }
        }
      }
    }
    uploads.sort(Comparator.comparing(Upload::receivedAt).thenComparing(Upload::uploadId));
    Map<String, String> labels = new LinkedHashMap<>();
    for (Upload upload : uploads) {
      read(upload).forEach(labels::put);
    }
    return labels;
  }

  /** The id itself where it is a plain file name, else its digest: a key may hold any character. */
  private static String fileName(String uploadId) {
    return PLAIN_ID.matcher(uploadId).matches() ? uploadId : "sha256-" + Digests.sha256(uploadId).substring(0, 40);
  }

  private byte[] lines(List<GroundTruthLabel> labels, String favourableLabel) {
    if (labels == null || labels.isEmpty()) {
      throw new IllegalArgumentException("no labels: send at least one {eventId, label}");
    }
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      GroundTruthLabel label = labels.get(i);
      if (label == null || isBlank(label.eventId()) || isBlank(label.label())) {
        throw new IllegalArgumentException("label " + (i + 1) + " needs a label and an eventId, which "
            + EVENT_ID_NEEDED);
      }
      ObjectNode line = json.createObjectNode();
      line.putObject("groundTruthData").put("data", encoding.data(label.label(), favourableLabel))
          .put("encoding", "CSV");
      line.putObject("eventMetadata").put("eventId", label.eventId());
      line.put("eventVersion", EVENT_VERSION);
      lines.append(line).append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, String> read(Upload upload) {
    Map<String, String> labels = new LinkedHashMap<>();
    String text = new String(store.get(upload.location()), StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        try {
          JsonNode record = json.readTree(line);
          labels.put(record.path("eventMetadata").path("eventId").asText(),
              record.path("groundTruthData").path("data").asText());
        } catch (JsonProcessingException e) {
          throw new UncheckedIOException("unreadable ground truth line in " + upload.location(), e);
        }
      }
    }
    return labels;
  }

  private Upload readReceipt(String location) {
    try {
      return json.readValue(store.get(location), Upload.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable ground truth receipt " + location, e);
    }
  }

  private static void requireText(String value, String what) {
    if (isBlank(value)) {
      throw new IllegalArgumentException("the " + what + " is missing");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
