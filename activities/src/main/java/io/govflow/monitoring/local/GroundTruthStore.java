package io.govflow.monitoring.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.monitoring.GroundTruthLabel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
import java.util.stream.Stream;

/**
 * The ground truth posted for a use case's production traffic, in SageMaker Model Monitor's format: one JSON line per
 * label, {@code {"groundTruthData":{"data":"good","encoding":"CSV"},"eventMetadata":{"eventId":"<capture eventId>"},
 * "eventVersion":"0"}}, one file per upload at {@code ground-truth/<useCaseId>/<yyyy>/<MM>/<dd>/<HH>/<uploadId>.jsonl},
 * the hour (UTC) it was received: the layout SageMaker's model-quality job merges ground truth from.
 *
 * <p>An upload is written once per upload id (the client's Idempotency-Key). Its receipt, at
 * {@code ground-truth/<useCaseId>/uploads/<uploadId>.json}, is written last: it says when the upload was received
 * and where its labels are, so a retry, even hours later, returns the first upload instead of adding a second, and a
 * labels file without a receipt (a write cut short) is never read.
 */
public final class GroundTruthStore {

  /** One upload as received: its id, how many labels it held, when, and the file that holds them. */
  public record Upload(String uploadId, int labels, Instant receivedAt, String location, String sha256) {}

  static final String EVENT_VERSION = "0";
  private static final DateTimeFormatter HOUR_FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final String LABELS = ".jsonl";
  private static final String RECEIPT = ".json";

  private final LocalArtifactStore store;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public GroundTruthStore(LocalArtifactStore store) {
    this.store = store;
  }

  /**
   * Keeps the labels as received at {@code at}. The same upload id again returns the first upload unchanged; with
   * other labels it is refused ({@link IllegalArgumentException}), since the key promised the same request.
   */
  public synchronized Upload write(String useCaseId, String uploadId, List<GroundTruthLabel> labels, Instant at) {
    requireText(useCaseId, "use case id");
    requireText(uploadId, "upload id (Idempotency-Key)");
    byte[] lines = lines(labels);
    String sha256 = Digests.sha256(lines);
    String name = fileName(uploadId);
    String receiptKey = root(useCaseId) + "/uploads/" + name + RECEIPT;
    if (store.exists(store.locationOf(receiptKey))) {
      Upload first = readReceipt(store.locationOf(receiptKey));
      if (!first.sha256().equals(sha256)) {
        throw new IllegalArgumentException("upload id '" + uploadId + "' was already used at " + first.receivedAt()
            + " for other labels: send these with a new Idempotency-Key");
      }
      return first;
    }
    String labelsKey = root(useCaseId) + "/" + HOUR_FOLDER.format(at) + "/" + name + LABELS;
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
   * The labels received in [{@code from}, {@code to}), by capture eventId. A label posted again for the same event
   * replaces the earlier one: the later upload wins, and of two received at the same instant the upload id sorting
   * last, so the answer never depends on the order files are listed in.
   */
  public Map<String, String> labelsReceivedIn(String useCaseId, Instant from, Instant to) {
    List<Upload> uploads = new ArrayList<>();
    for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
      Path folder = store.pathOf(store.locationOf(root(useCaseId) + "/" + HOUR_FOLDER.format(hour)));
      for (Path file : list(folder)) {
        String name = file.getFileName().toString();
        String receipt = store.locationOf(root(useCaseId) + "/uploads/"
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

  private static String root(String useCaseId) {
    return "ground-truth/" + useCaseId;
  }

  /** The id itself where it is a plain file name, else its digest: a key may hold any character. */
  private static String fileName(String uploadId) {
    return PLAIN_ID.matcher(uploadId).matches() ? uploadId : "sha256-" + Digests.sha256(uploadId).substring(0, 40);
  }

  private byte[] lines(List<GroundTruthLabel> labels) {
    if (labels == null || labels.isEmpty()) {
      throw new IllegalArgumentException("no labels: send at least one {eventId, label}");
    }
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      GroundTruthLabel label = labels.get(i);
      if (label == null || isBlank(label.eventId()) || isBlank(label.label())) {
        throw new IllegalArgumentException("label " + (i + 1) + " needs an eventId (the X-Govflow-Event-Id of the "
            + "answer it labels) and a label");
      }
      ObjectNode line = json.createObjectNode();
      line.putObject("groundTruthData").put("data", label.label()).put("encoding", "CSV");
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

  private static List<Path> list(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith(LABELS)).sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list ground truth in " + folder, e);
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
