package io.govflow.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.common.Digests;
import io.govflow.signoff.SignOffActivities;
import io.govflow.signoff.SignOff;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The model card document in the artifact store, signed and archived in place by either provider: same location, new
 * digest (the card changes after the decision, the evidence the decision rested on does not). Signing or archiving
 * twice writes the same bytes.
 */
public final class StoredModelCards {

  private static final ObjectMapper JSON = GovflowDataConverter.objectMapper();
  private static final String JSON_TYPE = "application/json";

  /** A model version without a card: only a version set up by step 3 has one to archive. */
  public static final String CARD_NOT_FOUND = "MODEL_CARD_NOT_FOUND";

  private StoredModelCards() {}

  /** Archives the version's card at retirement; a card already archived is left as it is, so a retry writes nothing. */
  public static EvidenceRef archive(ArtifactStore store, String useCaseId, String modelVersionId) {
    String key = ArtifactStore.evidenceKey(useCaseId, modelVersionId, EvidenceRef.MODEL_CARD);
    String location = store.locationOf(key);
    JsonNode card;
    try {
      card = JSON.readTree(store.get(location));
    } catch (ArtifactNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure("model version " + modelVersionId + " has no model card at "
          + location + ": only a version set up by step 3 can be retired", CARD_NOT_FOUND, e);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable model card " + location, e);
    }
    if (ModelCards.ARCHIVED.equals(card.path("model_card_status").asText())) {
      return new EvidenceRef(EvidenceRef.MODEL_CARD, location, Digests.sha256(store.get(location)), JSON_TYPE);
    }
    return store.put(key, EvidenceRef.MODEL_CARD, write(ModelCards.archived(card)), JSON_TYPE);
  }

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
    store.put(key, EvidenceRef.MODEL_CARD, write(signed), card.contentType());
    return signed;
  }

  private static byte[] write(JsonNode card) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(card);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("model card cannot be written as JSON", e);
    }
  }
}
