package io.govflow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.usecase.RiskLevel;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernanceCheckActivitiesImplTest {

  private static final String USE_CASE = "uc17";
  private static final String MODEL_VERSION = "uc17-v1";

  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  @TempDir
  Path root;

  private LocalArtifactStore store;
  private GovernanceCheckActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    store = new LocalArtifactStore(root);
    activities = new GovernanceCheckActivitiesImpl(store, new PolicyLibrary());
  }

  @Test
  void evidenceWithinTheHighRiskPolicyPassesAndIsRecorded() throws IOException {
    List<EvidenceRef> evidence = storeEvidence(fixture(EvidenceRef.POST_TRAINING_BIAS));

    PolicyResult result = activities.check(request(RiskLevel.HIGH, evidence));

    assertThat(result.passed()).isTrue();
    assertThat(result.tier()).isEqualTo("high");
    assertThat(result.policyVersion()).isEqualTo("high-2026.2");
    assertThat(result.findings()).hasSize(15).allMatch(Finding::passed);
    assertThat(result.findings()).filteredOn(f -> f.rule().equals("post-training-bias.di.min"))
        .extracting(Finding::subject, Finding::measured, Finding::threshold)
        .containsExactly(tuple("age=(25, 75]", 1.12, 0.85), tuple("personal_status=female div/dep/mar", 0.91, 0.85));

    EvidenceRef document = result.document();
    assertThat(document.name()).isEqualTo(EvidenceRef.POLICY_RESULT);
    assertThat(document.location()).isEqualTo(store.locationOf(
        ArtifactStore.evidenceKey(USE_CASE, MODEL_VERSION, EvidenceRef.POLICY_RESULT)));
    byte[] bytes = store.get(document.location());
    assertThat(Digests.sha256(bytes)).isEqualTo(document.sha256());
    JsonNode recorded = json.readTree(bytes);
    assertThat(recorded.path("policyVersion").asText()).isEqualTo("high-2026.2");
    assertThat(recorded.path("passed").asBoolean()).isTrue();
    assertThat(recorded.path("findings")).hasSize(15);
    assertThat(recorded.path("evidenceSha256").path(EvidenceRef.MODEL_QUALITY).asText())
        .isEqualTo(evidence.get(2).sha256());
  }

  @Test
  void disparateImpactBelowFourFifthsFailsWithTheFindingNamingRuleThresholdAndValue() {
    String unfair = fixture(EvidenceRef.POST_TRAINING_BIAS).replace("\"value\": 0.91", "\"value\": 0.74");
    List<EvidenceRef> evidence = storeEvidence(unfair);

    PolicyResult result = activities.check(request(RiskLevel.LOW, evidence));

    assertThat(result.passed()).isFalse();
    assertThat(result.policyVersion()).isEqualTo("low-2026.1");
    assertThat(result.findings()).filteredOn(f -> !f.passed())
        .extracting(Finding::rule, Finding::subject, Finding::threshold, Finding::measured)
        .containsExactly(tuple("post-training-bias.di.min", "personal_status=female div/dep/mar", 0.8, 0.74));
  }

  @Test
  void missingEvidenceFailsTheCheckWithoutFailingTheActivity() {
    List<EvidenceRef> evidence = storeEvidence(fixture(EvidenceRef.POST_TRAINING_BIAS));
    evidence.removeIf(ref -> ref.name().equals(EvidenceRef.POST_TRAINING_BIAS));

    PolicyResult result = activities.check(request(RiskLevel.MEDIUM, evidence));

    assertThat(result.passed()).isFalse();
    assertThat(result.findings()).filteredOn(f -> !f.passed())
        .extracting(Finding::rule, Finding::subject, Finding::measured)
        .containsExactly(
            tuple("post-training-bias.dppl.max", PolicyEvaluator.NOT_MEASURED, null),
            tuple("post-training-bias.di.min", PolicyEvaluator.NOT_MEASURED, null),
            tuple("post-training-bias.di.max", PolicyEvaluator.NOT_MEASURED, null));
  }

  @Test
  void evidenceChangedAfterItWasProducedIsRefusedAsTampered() throws IOException {
    List<EvidenceRef> evidence = storeEvidence(fixture(EvidenceRef.POST_TRAINING_BIAS));
    EvidenceRef bias = evidence.get(3);
    Files.writeString(store.pathOf(bias.location()),
        fixture(EvidenceRef.POST_TRAINING_BIAS).replace("\"value\": 0.91", "\"value\": 0.95"));

    assertThatThrownBy(() -> activities.check(request(RiskLevel.HIGH, evidence)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GovernanceCheckActivities.EVIDENCE_TAMPERED);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).contains("post-training-bias", bias.sha256());
        });
    assertThat(store.exists(store.locationOf(
        ArtifactStore.evidenceKey(USE_CASE, MODEL_VERSION, EvidenceRef.POLICY_RESULT)))).isFalse();
  }

  @Test
  void rerunningTheCheckRewritesTheSameResultDocument() {
    List<EvidenceRef> evidence = storeEvidence(fixture(EvidenceRef.POST_TRAINING_BIAS));

    PolicyResult first = activities.check(request(RiskLevel.HIGH, evidence));
    List<EvidenceRef> withResult = new ArrayList<>(evidence);
    withResult.add(first.document());
    PolicyResult second = activities.check(request(RiskLevel.HIGH, withResult));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void malformedPolicyFailsWithoutRetrying(@TempDir Path policies) throws IOException {
    Files.writeString(policies.resolve("high.json"), "{\"tier\": \"high\"}");
    GovernanceCheckActivitiesImpl misconfigured = new GovernanceCheckActivitiesImpl(store, new PolicyLibrary(policies));
    List<EvidenceRef> evidence = storeEvidence(fixture(EvidenceRef.POST_TRAINING_BIAS));

    assertThatThrownBy(() -> misconfigured.check(request(RiskLevel.HIGH, evidence)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GovernanceCheckActivities.INVALID_POLICY);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).contains("high.json is invalid", "version is missing");
        });
  }

  /** The four measured documents, in the order data evaluation and model evaluation produce them. */
  private List<EvidenceRef> storeEvidence(String postTrainingBias) {
    List<EvidenceRef> evidence = new ArrayList<>();
    evidence.add(put(EvidenceRef.DATA_STATISTICS, fixture(EvidenceRef.DATA_STATISTICS)));
    evidence.add(put(EvidenceRef.PRE_TRAINING_BIAS, fixture(EvidenceRef.PRE_TRAINING_BIAS)));
    evidence.add(put(EvidenceRef.MODEL_QUALITY, fixture(EvidenceRef.MODEL_QUALITY)));
    evidence.add(put(EvidenceRef.POST_TRAINING_BIAS, postTrainingBias));
    return evidence;
  }

  private EvidenceRef put(String name, String content) {
    return store.put(ArtifactStore.evidenceKey(USE_CASE, MODEL_VERSION, name), name,
        content.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private static GovernanceCheckRequest request(RiskLevel risk, List<EvidenceRef> evidence) {
    return new GovernanceCheckRequest(USE_CASE, MODEL_VERSION, risk, evidence);
  }

  private static String fixture(String name) {
    try (InputStream in = GovernanceCheckActivitiesImplTest.class.getResourceAsStream("/evidence/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("missing test fixture " + name, e);
    }
  }
}
