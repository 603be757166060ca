package io.govflow.evidence;

import java.util.List;

/**
 * Where artifacts live: a local folder for the embedded default, S3 for the aws provider. Keys are deterministic
 * ({@code use-cases/<id>/<modelVersionId>/<name>.json}), so a retried activity rewrites the same artifact rather
 * than adding another.
 */
public interface ArtifactStore {

  /** Stores {@code content} under {@code key} and returns a reference carrying its location and SHA-256. */
  EvidenceRef put(String key, String name, byte[] content, String contentType);

  /** The bytes at a location returned by {@link #put}; fails with {@link ArtifactNotFoundException} if absent. */
  byte[] get(String location);

  boolean exists(String location);

  /** The location {@link #put} gives {@code key}, without writing. */
  String locationOf(String key);

  /**
   * The keys stored under {@code folder} (a key, without a trailing {@code /}) at any depth, sorted; empty when there
   * are none. They are keys as {@link #put} takes them: {@link #locationOf} makes them locations.
   */
  List<String> keysUnder(String folder);

  /** Stores a JSON evidence document of a model version under its {@link #evidenceKey}. */
  default EvidenceRef putEvidence(String useCaseId, String modelVersionId, String name, byte[] json) {
    return put(evidenceKey(useCaseId, modelVersionId, name), name, json, "application/json");
  }

  static String evidenceKey(String useCaseId, String modelVersionId, String name) {
    return "use-cases/" + useCaseId + "/" + modelVersionId + "/" + name + ".json";
  }
}
