package io.govflow.evaluation.metrics;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the engine's documents in SageMaker's snake_case JSON. Output is byte-for-byte repeatable (no clock, map
 * keys sorted), so a retried activity stores a document with the same SHA-256 and the evidence digest holds.
 */
public final class EvidenceJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // SageMaker's containers write JSON with Python's json module, whose default writes infinities bare.
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private EvidenceJson() {}

  public static byte[] write(Object document) {
    try {
      return MAPPER.writeValueAsBytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write evidence document " + document.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads a document written by govflow or by SageMaker; keys the record does not name are ignored, since
   * SageMaker's containers may add their own (Model Monitor's schemas allow custom statistics).
   */
  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a readable " + type.getSimpleName() + " document: " + e.getMessage(), e);
    }
  }
}
