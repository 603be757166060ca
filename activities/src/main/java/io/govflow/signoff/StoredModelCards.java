package io.govflow.signoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.project.ModelCards;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/**
 * The model card document in the artifact store, signed in place by either provider: same location, new digest (the
 * card changes after the decision, the evidence the decision rested on does not). Signing twice writes the same bytes.
 */
public final class StoredModelCards {

  private static final ObjectMapper JSON = GovflowDataConverter.objectMapper();

  private StoredModelCards() {}

  /** Reads the card at {@code card}, records the sign-off on it, writes it back under {@code key}; returns it. */
  public static JsonNode sign(ArtifactStore store, String key, EvidenceRef card, SignOff signOff) {
    JsonNode signed;
    try {
      signed = ModelCards.withSignOff(JSON.readTree(store.get(card.location())), signOff);
    } catch (ArtifactNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure("the model card is missing from " + card.location(),
          SignOffActivities.MODEL_VERSION_UNUSABLE);
    } catch (IOException | IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(card.location() + " is not a readable model card: "
          + e.getMessage(), SignOffActivities.MODEL_VERSION_UNUSABLE);
    }
    try {
      store.put(key, EvidenceRef.MODEL_CARD, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(signed),
          card.contentType());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("model card cannot be written as JSON", e);
    }
    return signed;
  }
}
