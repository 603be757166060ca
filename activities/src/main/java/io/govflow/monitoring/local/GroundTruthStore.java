package io.govflow.monitoring.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.monitoring.GroundTruthLabel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground truth posted for a use case's production traffic, one JSON Lines file per upload in the artifact store,
 * each line in Model Monitor's ground-truth record shape ({@code groundTruthData}, {@code eventMetadata.eventId},
 * {@code eventVersion}) plus the instant it was posted. An upload is written once under its id, so a retried upload
 * writes nothing new.
 */
public final class GroundTruthStore {

  public static final String NAME = "ground-truth";
  private static final String CONTENT_TYPE = "application/jsonlines";

  private final ArtifactStore artifacts;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public GroundTruthStore(ArtifactStore artifacts) {
    this.artifacts = artifacts;
  }

  /** The key of one upload's file. */
  public static String uploadKey(String useCaseId, String uploadId) {
    return "use-cases/" + useCaseId + "/" + NAME + "/" + uploadId + ".jsonl";
  }

  /**
   * Writes the labels of one upload unless an upload with this id exists.
   *
   * @return the upload's file, as first written
   */
  public EvidenceRef write(String useCaseId, String uploadId, List<GroundTruthLabel> labels, Instant at) {
    String key = uploadKey(useCaseId, uploadId);
    String location = artifacts.locationOf(key);
    if (artifacts.exists(location)) {
      return new EvidenceRef(NAME, location, Digests.sha256(artifacts.get(location)), CONTENT_TYPE);
    }
    StringBuilder lines = new StringBuilder();
    labels.forEach(label -> lines.append(line(label, at)).append('\n'));
    return artifacts.put(key, NAME, lines.toString().getBytes(StandardCharsets.UTF_8), CONTENT_TYPE);
  }

  private String line(GroundTruthLabel label, Instant at) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("groundTruthData", Map.of("data", label.label(), "encoding", "CSV"));
    record.put("eventMetadata", Map.of("eventId", label.eventId()));
    record.put("eventVersion", "0");
    record.put("postedAt", at.toString());
    try {
      return json.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a ground-truth record of strings is always JSON", e);
    }
  }
}
