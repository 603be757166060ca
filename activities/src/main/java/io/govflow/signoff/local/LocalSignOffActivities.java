package io.govflow.signoff.local;

import io.govflow.approval.Outcome;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelregistry.LocalModelPackage;
import io.govflow.modelregistry.LocalModelRegistry;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.signoff.SignOff;
import io.govflow.signoff.SignOffActivities;
import io.govflow.signoff.SignOffRequest;
import io.govflow.signoff.StoredModelCards;
import io.govflow.training.CandidateModel;
import io.temporal.failure.ApplicationFailure;

/**
 * Step 8 on this machine: the model package in the local registry takes the sign-off's status and approval
 * description, and the model card records the decision in place (same location, new digest: the card changes after
 * the decision, the evidence the decision rested on does not).
 */
public class LocalSignOffActivities implements SignOffActivities {

  private final LocalArtifactStore store;
  private final LocalModelRegistry registry;

  public LocalSignOffActivities(LocalArtifactStore store, LocalModelRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  @Override
  public CandidateModel recordSignOff(SignOffRequest request) {
    SignOff signOff = SignOff.forRecording(request);
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
    EvidenceRef card = request.project().modelCard();
    StoredModelCards.sign(store, store.keyOf(card.location()), card, signOff);
    return new CandidateModel(candidate.modelPackageId(), candidate.modelPackageGroup(), candidate.modelLocation(),
        candidate.testDataLocation(), status);
  }
}
