package io.govflow.signoff.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.project.ModelCards;
import io.govflow.project.ProjectRef;
import io.govflow.project.TestUseCases;
import io.govflow.signoff.SignOff;
import io.govflow.signoff.SignOffActivities;
import io.govflow.signoff.SignOffRequest;
import io.govflow.training.CandidateModel;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelCardResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageModelCard;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageRequest;

/**
 * The card registered with the model package, which moto drops: SageMaker returns it from DescribeModelPackage in
 * the package card schema, and sign-off records the decision on it, content first and status second.
 */
@SuppressWarnings("unchecked")
class AwsSignOffActivitiesTest {

  private static final String PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/gf-uc-17/1";

  private final ObjectMapper json = new ObjectMapper();
  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final List<UpdateModelPackageRequest> updates = new ArrayList<>();

  @TempDir
  Path root;

  private ArtifactStore store;
  private SignOffRequest request;
  private ObjectNode packageCard;

  @BeforeEach
  void draftCards() {
    store = new LocalArtifactStore(root);
    ObjectNode draft = ModelCards.draft("uc-17", "uc-17-v1", TestUseCases.creditRisk());
    EvidenceRef card = store.putEvidence("uc-17", "uc-17-v1", EvidenceRef.MODEL_CARD, draft.toString().getBytes());
    packageCard = draft.get("content").deepCopy();
    packageCard.putObject("model_overview").put("model_creator", "owner1");
    packageCard.remove("model_package_details");
    Decision decision = new Decision(Gate.GOVERNANCE_SIGN_OFF, Outcome.APPROVE, "fair enough", "gov1",
        List.of("governance"), "4f2a9c");
    request = new SignOffRequest("uc-17", "uc-17-v1", new ProjectRef("gf-uc-17", "gf-uc-17", card),
        new CandidateModel(PACKAGE, "gf-uc-17", "s3://b/model.tar.gz", "s3://b/test.csv",
            ModelVersionStatus.PendingManualApproval),
        Outcome.APPROVE, "high-2026.1", List.of(new DecisionRecord("key-1", "uc-17", "uc-17-v1",
            "model-version-uc-17-v1", decision, "high-2026.1", Instant.parse("2026-03-02T10:15:30Z"))));
    when(sageMaker.describeModelCard(any(Consumer.class))).thenReturn(DescribeModelCardResponse.builder()
        .modelCardName("gf-uc-17-v1").content(draft.get("content").toString()).modelCardStatus("Draft").build());
    when(sageMaker.updateModelPackage(any(Consumer.class))).thenAnswer(call -> {
      UpdateModelPackageRequest.Builder builder = UpdateModelPackageRequest.builder();
      ((Consumer<UpdateModelPackageRequest.Builder>) call.getArgument(0)).accept(builder);
      updates.add(builder.build());
      return null;
    });
  }

  @Test
  void packageCardRecordsTheDecisionContentFirstThenApprovedStatus() throws Exception {
    describePackage("PendingManualApproval", null, packageCard.toString(), "Draft");

    new AwsSignOffActivities(sageMaker, store).recordSignOff(request);

    assertThat(updates).hasSize(3);
    assertThat(updates.get(0).modelApprovalStatusAsString()).isEqualTo("Approved");
    assertThat(updates.get(0).modelCard()).isNull();
    JsonNode content = json.readTree(updates.get(1).modelCard().modelCardContent());
    assertThat(updates.get(1).modelCard().modelCardStatus()).isNull();
    assertThat(content.at("/additional_information/custom_details/approvers").asText()).isEqualTo("gov1");
    assertThat(content.at("/model_overview/model_creator").asText()).as("the package schema is kept")
        .isEqualTo("owner1");
    assertThat(content.has("model_package_details")).isFalse();
    assertThat(updates.get(2).modelCard().modelCardContent()).isNull();
    assertThat(updates.get(2).modelCard().modelCardStatusAsString()).isEqualTo("Approved");
  }

  @Test
  void packageAndCardsThatAlreadyRecordTheSignOffAreLeftAsTheyAre() {
    SignOff signOff = SignOff.of(request);
    ObjectNode signedPackageCard = ModelCards.withSignOff(json.createObjectNode().set("content", packageCard),
        signOff);
    describePackage("Approved", signOff.approvalDescription(), signedPackageCard.get("content").toString(),
        "Approved");
    ObjectNode signedCard = ModelCards.withSignOff(ModelCards.draft("uc-17", "uc-17-v1", TestUseCases.creditRisk()),
        signOff);
    when(sageMaker.describeModelCard(any(Consumer.class))).thenReturn(DescribeModelCardResponse.builder()
        .modelCardName("gf-uc-17-v1").content(signedCard.get("content").toString()).modelCardStatus("Approved")
        .build());

    new AwsSignOffActivities(sageMaker, store).recordSignOff(request);

    assertThat(updates).isEmpty();
    verify(sageMaker, never()).updateModelCard(any(Consumer.class));
  }

  @Test
  void archivedCardIsNeverChangedAgain() {
    describePackage("PendingManualApproval", null, null, null);
    when(sageMaker.describeModelCard(any(Consumer.class))).thenReturn(DescribeModelCardResponse.builder()
        .modelCardName("gf-uc-17-v1").content("{}").modelCardStatus("Archived").build());

    assertThatThrownBy(() -> new AwsSignOffActivities(sageMaker, store).recordSignOff(request))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(SignOffActivities.SIGN_OFF_CONFLICT);
          assertThat(failure.getOriginalMessage()).contains("model card gf-uc-17-v1 is already Archived");
        });
    verify(sageMaker, never()).updateModelCard(any(Consumer.class));
  }

  private void describePackage(String status, String description, String cardContent, String cardStatus) {
    when(sageMaker.describeModelPackage(any(Consumer.class))).thenReturn(DescribeModelPackageResponse.builder()
        .modelPackageArn(PACKAGE).modelApprovalStatus(status).approvalDescription(description)
        .modelCard(cardContent == null ? null
            : ModelPackageModelCard.builder().modelCardContent(cardContent).modelCardStatus(cardStatus).build())
        .build());
  }
}
