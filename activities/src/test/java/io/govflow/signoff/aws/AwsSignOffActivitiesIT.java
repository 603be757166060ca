package io.govflow.signoff.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import io.govflow.project.TestUseCases;
import io.govflow.project.aws.AwsProjectActivities;
import io.govflow.project.aws.DataZoneSettings;
import io.govflow.signoff.SignOffActivities;
import io.govflow.signoff.SignOffRequest;
import io.govflow.testing.Emulator;
import io.govflow.testing.FakeDataZone;
import io.govflow.testing.SentRequests;
import io.govflow.training.CandidateModel;
import io.govflow.training.RegistrationRequest;
import io.govflow.training.TrainingResult;
import io.govflow.training.aws.AwsSettings;
import io.govflow.training.aws.AwsTrainingActivities;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelCardResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelCardRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageRequest;

/**
 * Step 8 on moto, after steps 3 and 5 on it (registration from a finished training result, the model file itself
 * is never read). Moto keeps no model card on a model package, and its UpdateModelCard empties what an update
 * leaves out rather than keeping it, so signing the package's card and a retry leaving signed cards alone are covered
 * by {@code AwsSignOffActivitiesTest}.
 */
class AwsSignOffActivitiesIT {

  private static final String BUCKET = "govflow-artifacts";
  private static final String EVIDENCE_DIGEST = "4f2a9c";
  private static final SentRequests SENT = new SentRequests();

  @RegisterExtension
  static final Emulator aws = new Emulator().withDataZone().intercepting(SENT);

  private final SageMakerClient sageMaker = aws.sageMaker();
  private final ObjectMapper json = new ObjectMapper();
  private S3ArtifactStore store;
  private ProjectRef project;
  private CandidateModel candidate;
  private AwsSignOffActivities activities;

  @BeforeEach
  void registeredCandidate() {
    aws.moto().reset();
    aws.dataZone().reset();
    aws.s3().createBucket(b -> b.bucket(BUCKET));
    store = new S3ArtifactStore(aws.s3(), BUCKET, "");
    project = new AwsProjectActivities(sageMaker, aws.dataZoneClient(), store,
        DataZoneSettings.domain(FakeDataZone.DOMAIN_ID))
        .setUpProject(new ProjectRequest("uc-17", "uc-17-v1", TestUseCases.creditRisk()));
    String model = "s3://" + BUCKET + "/training-output/gf-uc-17-v1-train/output/model.tar.gz";
    String test = "s3://" + BUCKET + "/use-cases/uc-17/uc-17-v1/training/gf-uc-17-v1-train/test.csv";
    candidate = new AwsTrainingActivities(sageMaker, store,
        AwsSettings.xgboost(AwsSettings.XGBOOST_US_EAST_1, "arn:aws:iam::123456789012:role/train", "s3://" + BUCKET))
        .registerCandidate(new RegistrationRequest("uc-17", "uc-17-v1", project.modelPackageGroup(),
            new TrainingResult("gf-uc-17-v1-train", model, test, Map.of(), null), project.modelCard()));
    activities = new AwsSignOffActivities(sageMaker, store);
    SENT.clear();
  }

  @Test
  void approvalSetsThePackageApprovedAndTheCardsContentThenStatus() throws Exception {
    CandidateModel signed = activities.recordSignOff(request(Outcome.APPROVE,
        decision("key-1", "gov1", Outcome.APPROVE), decision("key-2", "gov2", Outcome.APPROVE)));

    assertThat(signed.status()).isEqualTo(ModelVersionStatus.Approved);
    DescribeModelPackageResponse modelPackage =
        sageMaker.describeModelPackage(b -> b.modelPackageName(candidate.modelPackageId()));
    assertThat(modelPackage.modelApprovalStatusAsString()).isEqualTo("Approved");
    assertThat(modelPackage.approvalDescription()).isEqualTo("Approved by gov1, gov2 at governance sign-off under "
        + "policy high-2026.1 (decisions key-1, key-2; evidence digest 4f2a9c). Comments: gov1: looked at the "
        + "evidence; gov2: looked at the evidence");

    List<UpdateModelCardRequest> cardUpdates = sent(UpdateModelCardRequest.class);
    assertThat(cardUpdates).as("content, then status: never both in one call").hasSize(2);
    assertThat(cardUpdates.get(0).modelCardStatus()).isNull();
    assertThat(cardUpdates.get(1).content()).isNull();
    // Moto keeps each update as a version holding only what the update sent: content in 2, status in 3.
    assertThat(sageMaker.listModelCardVersions(b -> b.modelCardName("gf-uc-17-v1")).modelCardVersionSummaryList())
        .hasSize(3);
    DescribeModelCardResponse content =
        sageMaker.describeModelCard(b -> b.modelCardName("gf-uc-17-v1").modelCardVersion(2));
    JsonNode custom = json.readTree(content.content()).at("/additional_information/custom_details");
    assertThat(custom.path("approvers").asText()).isEqualTo("gov1, gov2");
    assertThat(custom.path("policy_version").asText()).isEqualTo("high-2026.1");
    assertThat(sageMaker.describeModelCard(b -> b.modelCardName("gf-uc-17-v1")).modelCardStatusAsString())
        .isEqualTo("Approved");
    JsonNode stored = json.readTree(store.get(project.modelCard().location()));
    assertThat(stored.path("model_card_status").asText()).isEqualTo("Approved");
    assertThat(stored.path("content")).isEqualTo(json.readTree(content.content()));
  }

  @Test
  void retriedApprovalUpdatesThePackageOnce() {
    SignOffRequest request = request(Outcome.APPROVE, decision("key-1", "gov1", Outcome.APPROVE));

    CandidateModel signed = activities.recordSignOff(request);
    CandidateModel retried = activities.recordSignOff(request);

    assertThat(retried).isEqualTo(signed);
    assertThat(sent(UpdateModelPackageRequest.class)).singleElement()
        .satisfies(update -> assertThat(update.modelApprovalStatusAsString()).isEqualTo("Approved"));
  }

  @Test
  void rejectionArchivesTheCardAndIsNeverOverturned() {
    activities.recordSignOff(request(Outcome.REJECT, decision("key-1", "gov1", Outcome.REJECT)));

    assertThat(sageMaker.describeModelPackage(b -> b.modelPackageName(candidate.modelPackageId()))
        .modelApprovalStatusAsString()).isEqualTo("Rejected");
    assertThat(sageMaker.describeModelCard(b -> b.modelCardName("gf-uc-17-v1")).modelCardStatusAsString())
        .isEqualTo("Archived");

    assertThatThrownBy(() -> activities.recordSignOff(request(Outcome.APPROVE,
        decision("key-2", "gov2", Outcome.APPROVE))))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(SignOffActivities.SIGN_OFF_CONFLICT);
          assertThat(failure.getOriginalMessage()).contains("is already Rejected");
        });
    assertThat(sent(UpdateModelPackageRequest.class)).hasSize(1);
  }

  @Test
  void signOffWithoutAFinalDecisionIsRefusedBeforeAnyChange() {
    assertThatThrownBy(() -> activities.recordSignOff(request(Outcome.REQUEST_CHANGES,
        decision("key-1", "gov1", Outcome.REQUEST_CHANGES))))
        .isInstanceOfSatisfying(ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(SignOffActivities.INVALID_SIGN_OFF));
    assertThat(SENT.all()).isEmpty();
  }

  private SignOffRequest request(Outcome outcome, DecisionRecord... decisions) {
    return new SignOffRequest("uc-17", "uc-17-v1", project, candidate, outcome, "high-2026.1", List.of(decisions));
  }

  private static DecisionRecord decision(String id, String actor, Outcome outcome) {
    Decision decision = new Decision(Gate.GOVERNANCE_SIGN_OFF, outcome, "looked at the evidence", actor,
        List.of("governance"), EVIDENCE_DIGEST);
    return new DecisionRecord(id, "uc-17", "uc-17-v1", "model-version-uc-17-v1", decision, "high-2026.1",
        Instant.parse("2026-03-02T10:15:30Z"));
  }

  private static <T> List<T> sent(Class<T> type) {
    return SENT.of(type);
  }
}
