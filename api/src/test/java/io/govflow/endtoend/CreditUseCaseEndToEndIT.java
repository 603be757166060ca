package io.govflow.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.govflow.monitoring.cli.GovflowDemoTraffic;
import io.govflow.testing.ServerProcess;
import io.govflow.testing.TemporalDevServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README walkthrough as a user runs it: a real Temporal dev server, the packaged worker and API as processes on
 * their embedded defaults (local provider, H2 file, local endpoints), and the German credit sample taken through HTTP
 * alone from definition to sign-off and production, then drifted traffic from govflow-demo-traffic becoming a finding
 * whose re-validation retrains a version that replaces production, with production history right before and after.
 */
class CreditUseCaseEndToEndIT {

  private static final Path REPO = Path.of(System.getProperty("govflow.repo.root", "..")).toAbsolutePath().normalize();
  private static final Duration LIFECYCLE_TIMEOUT = Duration.ofMinutes(3);
  /** High-risk cases are monitored this often here, so that a run follows the demo traffic within the test. */
  private static final String MONITORING_INTERVAL = "PT10S";

  private static TemporalDevServer temporal;
  private static PackagedApp worker;
  private static PackagedApp api;
  private static EndToEndCalls calls;

  @BeforeAll
  static void startSystem() throws Exception {
    Path state = Files.createTempDirectory(REPO.resolve("api/target"), "e2e-");
    temporal = TemporalDevServer.start();
    Map<String, String> shared = Map.of(
        "govflow.temporal.target", temporal.target(),
        "govflow.artifacts.root", state.resolve("artifacts").toString(),
        "govflow.local.data-root", REPO.toString(),
        "govflow.local.endpoints.port", String.valueOf(ServerProcess.freePort()),
        "govflow.monitoring.interval.high", MONITORING_INTERVAL,
        "quarkus.datasource.jdbc.url", "jdbc:h2:file:" + state.resolve("inventory")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE");
    worker = PackagedApp.start("worker", REPO.resolve("worker/target/quarkus-app/quarkus-run.jar"), shared);
    api = PackagedApp.start("api", REPO.resolve("api/target/quarkus-app/quarkus-run.jar"), shared);
    calls = new EndToEndCalls(api, worker, LIFECYCLE_TIMEOUT);
  }

  @AfterAll
  static void stopSystem() throws Exception {
    for (AutoCloseable process : new AutoCloseable[] {api, worker, temporal}) {
      if (process != null) {
        process.close();
      }
    }
  }

  @Test
  void creditUseCaseGoesFromDefinitionThroughProductionDriftAndRetrainingThroughHttpAlone()
      throws InterruptedException {
    String id = calls.as("po1")
        .contentType(ContentType.JSON)
        .body(REPO.resolve("samples/credit-use-case.json").toFile())
        .post("/api/v1/use-cases")
        .then().statusCode(201).body("stage", equalTo("AWAITING_USE_CASE_APPROVAL"))
        .extract().path("id");

    JsonPath waiting = calls.awaitStage(id, "AWAITING_USE_CASE_APPROVAL");
    decide(id, "gov1", "USE_CASE_APPROVAL", waiting.getString("openGates[0].evidenceDigest"), "fits the credit policy");

    JsonPath signOff = calls.awaitStage(id, "AWAITING_SIGN_OFF");
    String modelVersionId = signOff.getString("openGates[0].modelVersionId");
    assertThat(modelVersionId).isEqualTo(id + "-v1");

    JsonPath version = calls.as("audit1").get("/api/v1/model-versions/" + modelVersionId)
        .then().statusCode(200).extract().jsonPath();
    assertThat(version.getList("evidence.name")).contains(
        "model-card", "data-statistics", "pre-training-bias", "training-metrics", "model-quality",
        "post-training-bias", "policy-result");
    double auc = calls.as("audit1")
        .get("/api/v1/model-versions/" + modelVersionId + "/evidence/model-quality")
        .then().statusCode(200).extract().jsonPath().getDouble("binary_classification_metrics.auc.value");
    assertThat(auc).isBetween(0.6, 1.0);

    // A product owner is no governance member, whatever the evidence shows.
    calls.as("po1").contentType(ContentType.JSON)
        .body(Map.of("gate", "GOVERNANCE_SIGN_OFF", "outcome", "APPROVE", "comment", "mine",
            "evidenceDigest", signOff.getString("openGates[0].evidenceDigest")))
        .post("/api/v1/use-cases/" + id + "/decisions")
        .then().statusCode(403).contentType("application/problem+json").body("refusal", equalTo("WRONG_ROLE"));

    // High risk: two distinct governance members must approve.
    String digest = signOff.getString("openGates[0].evidenceDigest");
    decide(id, "gov2", "GOVERNANCE_SIGN_OFF", digest, "evidence reviewed; policy findings accepted as documented");
    assertThat(calls.as("ops1").get("/api/v1/model-versions/" + modelVersionId)
        .then().statusCode(200).extract().jsonPath().getList("openGate.approvers")).containsExactly("gov2");
    decide(id, "gov3", "GOVERNANCE_SIGN_OFF", digest, "second approval");
    JsonPath validated = calls.awaitStage(id, "AWAITING_PRODUCTION_APPROVAL");
    assertThat(validated.getList("modelVersions[0].decisions.decision.actor")).containsExactly("gov2", "gov3");
    assertThat(validated.getBoolean("modelVersions[0].validation.passed")).isTrue();
    assertThat(validated.getList("modelVersions[0].evidence.name")).contains("endpoint-validation");

    // Step 11: production needs two distinct approvers too; approval deploys with capture and a baseline.
    String productionDigest = validated.getString("openGates[0].evidenceDigest");
    calls.decide(id, "gov2", "PRODUCTION_APPROVAL", "APPROVE", productionDigest, "validated in test");
    calls.decide(id, "gov3", "PRODUCTION_APPROVAL", "APPROVE", productionDigest, "change board approves");
    JsonPath serving = calls.awaitStage(id, "IN_PRODUCTION");
    assertThat(serving.getString("production.modelVersionId")).isEqualTo(modelVersionId);
    Instant whileV1Serves = Instant.now();
    List<String> environments = calls.as("audit1").get("/api/v1/use-cases/" + id + "/endpoints")
        .then().statusCode(200).extract().jsonPath().getList("environment");
    assertThat(environments).containsExactlyInAnyOrder("TEST", "PRODUCTION");

    // Step 13: the demo command sends credit-g with older applicants and doubled amounts, and posts the labels.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = new GovflowDemoTraffic(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run("--api", api.baseUri(), "--use-case", id,
        "--user", "ops1", "--password", "ops1-pass", "--sample", REPO.resolve("samples/credit-g.csv").toString(),
        "--shift", "age+15,credit_amount*2");
    assertThat(exit).as("demo traffic: %s %s", out, err).isZero();

    JsonPath revalidation = calls.awaitStage(id, "AWAITING_REVALIDATION");
    List<Map<String, Object>> findings = calls.as("audit1").get("/api/v1/findings?useCase=" + id)
        .then().statusCode(200).extract().jsonPath().getList("$");
    assertThat(findings).filteredOn(finding -> "baseline_drift_check".equals(finding.get("checkType")))
        .extracting(finding -> finding.get("subject"))
        .containsExactlyInAnyOrder("age", "credit_amount");
    assertThat(findings).extracting(finding -> finding.get("severity")).containsOnly("HIGH");

    // Re-validation: governance retrains; v1 keeps serving until v2 is approved for production.
    calls.decide(id, "gov1", "REVALIDATION", "RETRAIN", revalidation.getString("openGates[0].evidenceDigest"),
        "drift confirmed: retrain on the current applicant population");
    JsonPath v2SignOff = calls.awaitGate(id, "GOVERNANCE_SIGN_OFF");
    assertThat(v2SignOff.getString("production.modelVersionId")).isEqualTo(modelVersionId);
    String v2Digest = v2SignOff.getString("openGates.find { it.gate == 'GOVERNANCE_SIGN_OFF' }.evidenceDigest");
    calls.decide(id, "gov2", "GOVERNANCE_SIGN_OFF", "APPROVE", v2Digest, "retrained version meets policy");
    calls.decide(id, "gov3", "GOVERNANCE_SIGN_OFF", "APPROVE", v2Digest, "concur");
    String v2Production = calls.awaitGate(id, "PRODUCTION_APPROVAL")
        .getString("openGates.find { it.gate == 'PRODUCTION_APPROVAL' }.evidenceDigest");
    calls.decide(id, "gov2", "PRODUCTION_APPROVAL", "APPROVE", v2Production, "validated in test");
    calls.decide(id, "gov3", "PRODUCTION_APPROVAL", "APPROVE", v2Production, "change board approves");
    String v2 = id + "-v2";
    calls.awaitState(id, state -> v2.equals(state.getString("production.modelVersionId")));

    JsonPath before = productionAt(id, whileV1Serves).then().statusCode(200).extract().jsonPath();
    assertThat(before.getString("modelVersionId")).isEqualTo(modelVersionId);
    assertThat(before.getList("decisions.gate")).contains("GOVERNANCE_SIGN_OFF", "PRODUCTION_APPROVAL");
    assertThat(productionAt(id, Instant.now()).then().statusCode(200).extract().jsonPath()
        .getString("modelVersionId")).isEqualTo(v2);
    productionAt(id, whileV1Serves.minus(Duration.ofHours(1))).then().statusCode(404);

    List<String> auditTypes = calls.as("audit1").get("/api/v1/audit?useCase=" + id)
        .then().statusCode(200).extract().jsonPath().getList("entries.type");
    assertThat(auditTypes).contains("ENDPOINT_VALIDATED", "PRODUCTION_CHANGED", "FINDING_RAISED");
    calls.as("audit1").get("/api/v1/audit/verification").then().statusCode(200);
  }

  @Test
  void anOwnerInGovernanceCannotApproveTheirOwnUseCase() throws InterruptedException {
    String id = calls.as("lead1").contentType(ContentType.JSON)
        .body(REPO.resolve("samples/credit-use-case.json").toFile())
        .post("/api/v1/use-cases")
        .then().statusCode(201).extract().path("id");
    String digest = calls.awaitStage(id, "AWAITING_USE_CASE_APPROVAL").getString("openGates[0].evidenceDigest");
    calls.as("lead1").contentType(ContentType.JSON)
        .body(Map.of("gate", "USE_CASE_APPROVAL", "outcome", "APPROVE", "comment", "my own", "evidenceDigest", digest))
        .post("/api/v1/use-cases/" + id + "/decisions")
        .then().statusCode(403).contentType("application/problem+json")
        .body("refusal", equalTo("OWNER_CANNOT_DECIDE"));
  }

  private static void decide(String id, String user, String gate, String digest, String comment) {
    calls.decide(id, user, gate, "APPROVE", digest, comment);
  }

  private static Response productionAt(String id, Instant at) {
    return calls.as("audit1").get("/api/v1/use-cases/" + id + "/production-history?at=" + at);
  }
}
