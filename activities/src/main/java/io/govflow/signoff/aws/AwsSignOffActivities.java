package io.govflow.signoff.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.approval.Outcome;
import io.govflow.common.GovflowDataConverter;
import io.govflow.common.aws.AwsErrors;
import io.govflow.common.aws.SageMakerJobs;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.project.ModelCards;
import io.govflow.signoff.SignOff;
import io.govflow.signoff.SignOffActivities;
import io.govflow.signoff.SignOffRequest;
import io.govflow.signoff.StoredModelCards;
import io.govflow.training.CandidateModel;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelCardResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageModelCard;

/**
 * Step 8 on SageMaker. The model package takes the sign-off's approval status (Approved or Rejected) and approval
 * description; its model card and the model version's card of step 3 record the decision and take SageMaker's card
 * status for it: Approved, or Archived on a rejection. Archived is SageMaker's status for a card that must not change
 * again and the model card statuses have no "rejected"; PendingReview, the status while the sign-off gate is open,
 * is not set here, since this activity runs once the decision is taken. The card document in the artifact store is
 * signed in place as on the local provider.
 *
 * <p>Every change is made only if SageMaker does not already hold it, read first, so a retried activity sends nothing
 * twice; a package that already carries the other outcome is a conflict, never overturned. Card content and status
 * are changed in two calls, content first: UpdateModelCard refuses both in one call, and an archived card's content
 * can no longer change. A package registered without a card gets none at sign-off.
 */
public class AwsSignOffActivities implements SignOffActivities {

  private final SageMakerClient sageMaker;
  private final ArtifactStore store;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public AwsSignOffActivities(SageMakerClient sageMaker, ArtifactStore store) {
    this.sageMaker = sageMaker;
    this.store = store;
  }

  @Override
  public CandidateModel recordSignOff(SignOffRequest request) {
    SignOff signOff = SignOff.forRecording(request);
    CandidateModel candidate = request.candidate();
    boolean approved = signOff.outcome() == Outcome.APPROVE;
    ModelVersionStatus status = approved ? ModelVersionStatus.Approved : ModelVersionStatus.Rejected;
    String cardStatus = approved ? ModelCards.APPROVED : ModelCards.ARCHIVED;
    try {
      DescribeModelPackageResponse modelPackage = SageMakerJobs.describe(() -> sageMaker.describeModelPackage(
              b -> b.modelPackageName(candidate.modelPackageId())))
          .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("model package " + candidate.modelPackageId()
              + " does not exist in SageMaker", MODEL_VERSION_UNUSABLE));
      String current = modelPackage.modelApprovalStatusAsString();
      if (!ModelVersionStatus.PendingManualApproval.name().equals(current) && !status.name().equals(current)) {
        throw ApplicationFailure.newNonRetryableFailure("model package " + candidate.modelPackageId() + " is already "
            + current + " (" + modelPackage.approvalDescription() + "); it cannot become " + status,
            SIGN_OFF_CONFLICT);
      }
      EvidenceRef card = request.project().modelCard();
      JsonNode signedCard = StoredModelCards.sign(store,
          ArtifactStore.evidenceKey(request.useCaseId(), request.modelVersionId(), EvidenceRef.MODEL_CARD), card,
          signOff);
      String description = signOff.approvalDescription();
      if (!status.name().equals(current) || !description.equals(modelPackage.approvalDescription())) {
        sageMaker.updateModelPackage(b -> b.modelPackageArn(modelPackage.modelPackageArn())
            .modelApprovalStatus(ModelApprovalStatus.fromValue(status.name())).approvalDescription(description));
      }
      signPackageCard(modelPackage, signOff);
      signModelCard(ModelCards.cardName(request.modelVersionId()), text(signedCard.get("content")), cardStatus);
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "recording the sign-off of model version " + request.modelVersionId());
    }
    return new CandidateModel(candidate.modelPackageId(), candidate.modelPackageGroup(), candidate.modelLocation(),
        candidate.testDataLocation(), status);
  }

  /** The card registered with the package, in the package card schema, signed as the stored card is. */
  private void signPackageCard(DescribeModelPackageResponse modelPackage, SignOff signOff) {
    ModelPackageModelCard card = modelPackage.modelCard();
    if (card == null || card.modelCardContent() == null) {
      return;
    }
    ObjectNode wrapped = json.createObjectNode();
    wrapped.set("content", parse(card.modelCardContent(), "the card of model package "
        + modelPackage.modelPackageArn()));
    ObjectNode signed = ModelCards.withSignOff(wrapped, signOff);
    String arn = modelPackage.modelPackageArn();
    update("the card of model package " + arn, card.modelCardContent(), card.modelCardStatusAsString(),
        text(signed.get("content")), signed.get("model_card_status").asText(),
        content -> sageMaker.updateModelPackage(b -> b.modelPackageArn(arn)
            .modelCard(c -> c.modelCardContent(content))),
        cardStatus -> sageMaker.updateModelPackage(b -> b.modelPackageArn(arn)
            .modelCard(c -> c.modelCardStatus(cardStatus))));
  }

  private void signModelCard(String name, String content, String cardStatus) {
    DescribeModelCardResponse card = SageMakerJobs.describe(
            () -> sageMaker.describeModelCard(b -> b.modelCardName(name)))
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("model card " + name + " does not exist in "
            + "SageMaker: the project set-up step (3) creates it", MODEL_VERSION_UNUSABLE));
    update("model card " + name, card.content(), card.modelCardStatusAsString(), content, cardStatus,
        newContent -> sageMaker.updateModelCard(b -> b.modelCardName(name).content(newContent)),
        newStatus -> sageMaker.updateModelCard(b -> b.modelCardName(name).modelCardStatus(newStatus)));
  }

  /** Content first, then status, each only if it differs; an archived card is never changed again. */
  private void update(String what, String currentContent, String currentStatus, String content, String cardStatus,
      Consumer<String> updateContent, Consumer<String> updateStatus) {
    boolean sameContent = currentContent != null && parse(currentContent, what).equals(parse(content, what));
    boolean sameStatus = cardStatus.equals(currentStatus);
    if (ModelCards.ARCHIVED.equals(currentStatus) && !(sameContent && sameStatus)) {
      throw ApplicationFailure.newNonRetryableFailure(what + " is already Archived, by an earlier rejection; it "
          + "cannot record another sign-off", SIGN_OFF_CONFLICT);
    }
    if (!sameContent) {
      updateContent.accept(content);
    }
    if (!sameStatus) {
      updateStatus.accept(cardStatus);
    }
  }

  private JsonNode parse(String content, String what) {
    try {
      return json.readTree(content);
    } catch (JsonProcessingException e) {
      throw ApplicationFailure.newNonRetryableFailure(what + " holds no readable model card content: "
          + e.getOriginalMessage(), MODEL_VERSION_UNUSABLE);
    }
  }

  private String text(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a model card is always writable as JSON", e);
    }
  }
}
