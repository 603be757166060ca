package io.govflow.signoff.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.approval.Outcome;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelregistry.LocalModelPackage;
import io.govflow.modelregistry.LocalModelRegistry;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.project.ModelCards;
import io.govflow.signoff.SignOff;
import io.govflow.signoff.SignOffActivities;
import io.govflow.signoff.SignOffRequest;
import io.govflow.training.CandidateModel;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/**
 * Step 8 on this machine: the model package in the local registry takes the sign-off's status and approval
 * description, and the model card records the decision in place (same location, new digest: the card changes after
 * the decision, the evidence the decision rested on does not).
 */
public class LocalSignOffActivities implements SignOffActivities {

  private final LocalArtifactStore store;
  private final LocalModelRegistry registry;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public LocalSignOffActivities(LocalArtifactStore store, LocalModelRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  @Override
  public CandidateModel recordSignOff(SignOffRequest request) {
    SignOff signOff = signOffOf(request);
    CandidateModel candidate = request.candidate();
    ModelVersionStatus status = signOff.outcome() == Outcome.APPROVE
        ? ModelVersionStatus.Approved
        : ModelVersionStatus.Rejected;
    LocalModelPackage current = registry.find(candidate.modelPackageGroup(), candidate.modelPackageId())
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("model package " + candidate.modelPackageId()
            + " is not registered in group " + candidate.modelPackageGroup(), MODEL_VERSION_UNUSABLE));
    if (current.status() != ModelVersionStatus.PendingManualApproval && current.status() != status) {
      throw ApplicationFailure.newNonRetryableFailure("model package " + candidate.modelPackageId() + " is already "
          + current.status() + " (" + current.approvalDescription() + "); it cannot become " + status,
          SIGN_OFF_CONFLICT);
    }
    registry.updateStatus(candidate.modelPackageGroup(), candidate.modelPackageId(), status,
        signOff.approvalDescription());
    recordOnCard(request.project().modelCard(), signOff);
    return new CandidateModel(candidate.modelPackageId(), candidate.modelPackageGroup(), candidate.modelLocation(),
        candidate.testDataLocation(), status);
  }

  private static SignOff signOffOf(SignOffRequest request) {
    try {
      return SignOff.of(request);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), INVALID_SIGN_OFF);
    }
  }

  private void recordOnCard(EvidenceRef card, SignOff signOff) {
    JsonNode signed;
    try {
      signed = ModelCards.withSignOff(json.readTree(store.get(card.location())), signOff);
    } catch (ArtifactNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure("the model card is missing from " + card.location(),
          MODEL_VERSION_UNUSABLE);
    } catch (IOException | IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(card.location() + " is not a readable model card: "
          + e.getMessage(), MODEL_VERSION_UNUSABLE);
    }
    try {
      store.put(store.keyOf(card.location()), EvidenceRef.MODEL_CARD,
          json.writerWithDefaultPrettyPrinter().writeValueAsBytes(signed), card.contentType());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("model card cannot be written as JSON", e);
    }
  }
}
