package io.govflow.signoff.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelregistry.LocalModelPackage;
import io.govflow.modelregistry.LocalModelRegistry;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import io.govflow.project.TestUseCases;
import io.govflow.project.local.LocalProjectActivities;
import io.govflow.signoff.SignOffActivities;
import io.govflow.signoff.SignOffRequest;
import io.govflow.training.CandidateModel;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSignOffActivitiesTest {

  private static final String EVIDENCE_DIGEST = "4f2a9c";

  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  @TempDir
  Path root;

  private LocalArtifactStore store;
  private LocalModelRegistry registry;
  private ProjectRef project;
  private CandidateModel candidate;
  private LocalSignOffActivities activities;

  @BeforeEach
  void registerCandidate() {
    store = new LocalArtifactStore(root);
    registry = new LocalModelRegistry(store);
    project = new LocalProjectActivities(store, registry)
        .setUpProject(new ProjectRequest("uc17", "uc17-v1", TestUseCases.creditRisk()));
    registry.register(new LocalModelPackage("gf-uc17-1", project.modelPackageGroup(), "uc17-v1", "file:/model.bin",
        "file:/test.csv", project.modelCard().location(), Map.of("auc", 0.79), ModelVersionStatus.PendingManualApproval,
        null));
    candidate = new CandidateModel("gf-uc17-1", project.modelPackageGroup(), "file:/model.bin", "file:/test.csv",
        ModelVersionStatus.PendingManualApproval);
    activities = new LocalSignOffActivities(store, registry);
  }

  @Test
  void approvalSetsPackageStatusWithDescriptionAndRecordsApproversOnTheCard() throws IOException {
    CandidateModel signed = activities.recordSignOff(request(Outcome.APPROVE,
        decision("key-1", "gov1", Outcome.APPROVE), decision("key-2", "gov2", Outcome.APPROVE)));

    assertThat(signed.status()).isEqualTo(ModelVersionStatus.Approved);
    assertThat(signed.modelPackageId()).isEqualTo("gf-uc17-1");
    LocalModelPackage modelPackage = registry.find("gf-uc17", "gf-uc17-1").orElseThrow();
    assertThat(modelPackage.status()).isEqualTo(ModelVersionStatus.Approved);
    assertThat(modelPackage.approvalDescription()).isEqualTo("Approved by gov1, gov2 at governance sign-off under "
        + "policy high-2026.1 (decisions key-1, key-2; evidence digest " + EVIDENCE_DIGEST + "). Comments: gov1: "
        + "looked at the evidence; gov2: looked at the evidence");

    byte[] bytes = store.get(project.modelCard().location());
    assertThat(Digests.sha256(bytes)).as("the card changed in place").isNotEqualTo(project.modelCard().sha256());
    JsonNode card = json.readTree(bytes);
    assertThat(card.path("model_card_status").asText()).isEqualTo("Approved");
    JsonNode custom = card.at("/content/additional_information/custom_details");
    assertThat(custom.path("approvers").asText()).isEqualTo("gov1, gov2");
    assertThat(custom.path("sign_off_decision_ids").asText()).isEqualTo("key-1, key-2");
    assertThat(custom.path("policy_version").asText()).isEqualTo("high-2026.1");
    assertThat(custom.path("evidence_digest").asText()).isEqualTo(EVIDENCE_DIGEST);
  }

  @Test
  void signingOffTwiceLeavesTheSameStatusAndCard() {
    SignOffRequest request = request(Outcome.APPROVE, decision("key-1", "gov1", Outcome.APPROVE));

    CandidateModel first = activities.recordSignOff(request);
    String cardAfterFirst = Digests.sha256(store.get(project.modelCard().location()));
    LocalModelPackage packageAfterFirst = registry.find("gf-uc17", "gf-uc17-1").orElseThrow();
    CandidateModel second = activities.recordSignOff(request);

    assertThat(second).isEqualTo(first);
    assertThat(registry.find("gf-uc17", "gf-uc17-1")).contains(packageAfterFirst);
    assertThat(Digests.sha256(store.get(project.modelCard().location()))).isEqualTo(cardAfterFirst);
  }

  @Test
  void rejectionMarksThePackageRejectedNamingTheRejecterOnly() throws IOException {
    CandidateModel signed = activities.recordSignOff(request(Outcome.REJECT,
        decision("key-1", "gov1", Outcome.APPROVE), decision("key-2", "gov2", Outcome.REJECT)));

    assertThat(signed.status()).isEqualTo(ModelVersionStatus.Rejected);
    assertThat(registry.find("gf-uc17", "gf-uc17-1").orElseThrow().approvalDescription())
        .startsWith("Rejected by gov2 at governance sign-off");
    JsonNode card = json.readTree(store.get(project.modelCard().location()));
    assertThat(card.path("model_card_status").asText()).isEqualTo("Archived");
    assertThat(card.at("/content/additional_information/custom_details/rejected_by").asText()).isEqualTo("gov2");
  }

  @Test
  void recordedSignOffIsNeverOverturned() {
    activities.recordSignOff(request(Outcome.APPROVE, decision("key-1", "gov1", Outcome.APPROVE)));

    assertThatThrownBy(() -> activities.recordSignOff(request(Outcome.REJECT,
        decision("key-2", "gov2", Outcome.REJECT))))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(SignOffActivities.SIGN_OFF_CONFLICT);
          assertThat(failure.isNonRetryable()).isTrue();
        });
    assertThat(registry.find("gf-uc17", "gf-uc17-1").orElseThrow().status()).isEqualTo(ModelVersionStatus.Approved);
  }

  @Test
  void signOffWithoutADecisionBehindItIsRefused() {
    assertThatThrownBy(() -> activities.recordSignOff(request(Outcome.APPROVE,
        decision("key-1", "gov1", Outcome.REJECT))))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(SignOffActivities.INVALID_SIGN_OFF);
          assertThat(failure.getOriginalMessage()).contains("no APPROVE decision");
        });
    assertThat(registry.find("gf-uc17", "gf-uc17-1").orElseThrow().status())
        .isEqualTo(ModelVersionStatus.PendingManualApproval);
  }

  private SignOffRequest request(Outcome outcome, DecisionRecord... decisions) {
    return new SignOffRequest("uc17", "uc17-v1", project, candidate, outcome, "high-2026.1", List.of(decisions));
  }

  private static DecisionRecord decision(String id, String actor, Outcome outcome) {
    Decision decision = new Decision(Gate.GOVERNANCE_SIGN_OFF, outcome, "looked at the evidence", actor,
        List.of("governance"), EVIDENCE_DIGEST);
    return new DecisionRecord(id, "uc17", "uc17-v1", "model-version-uc17-v1", decision, "high-2026.1",
        Instant.parse("2026-03-02T10:15:30Z"));
  }
}
