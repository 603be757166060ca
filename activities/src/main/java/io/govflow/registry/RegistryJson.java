package io.govflow.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.GovflowDataConverter;
import java.io.IOException;

/**
 * The JSON kept in text columns (use-case definitions, evidence lists, audit details). It is written with the
 * workflows' wire mapper, so a stored record reads back exactly as it travelled through history.
 */
final class RegistryJson {

  private static final ObjectMapper MAPPER = GovflowDataConverter.objectMapper();

  private RegistryJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static JsonNode tree(byte[] document) throws IOException {
    return MAPPER.readTree(document);
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not a " + type.getType() + ": " + e.getOriginalMessage(), e);
    }
  }
}
