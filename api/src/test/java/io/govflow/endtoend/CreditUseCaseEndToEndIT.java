package io.govflow.endtoend;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.govflow.testing.TemporalDevServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
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
 * their embedded defaults (local provider, H2 file), and the German credit sample taken from definition to
 * governance sign-off through HTTP alone.
 */
class CreditUseCaseEndToEndIT {

  private static final Path REPO = Path.of(System.getProperty("govflow.repo.root", "..")).toAbsolutePath().normalize();
  private static final Duration LIFECYCLE_TIMEOUT = Duration.ofMinutes(3);

  private static TemporalDevServer temporal;
  private static PackagedApp worker;
  private static PackagedApp api;

  @BeforeAll
  static void startSystem() throws Exception {
    Path state = Files.createTempDirectory(REPO.resolve("api/target"), "e2e-");
    temporal = TemporalDevServer.start();
    Map<String, String> shared = Map.of(
        "govflow.temporal.target", temporal.target(),
        "govflow.artifacts.root", state.resolve("artifacts").toString(),
        "govflow.local.data-root", REPO.toString(),
        "quarkus.datasource.jdbc.url", "jdbc:h2:file:" + state.resolve("inventory")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE");
    worker = PackagedApp.start("worker", REPO.resolve("worker/target/quarkus-app/quarkus-run.jar"), shared);
    api = PackagedApp.start("api", REPO.resolve("api/target/quarkus-app/quarkus-run.jar"), shared);
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
  void creditUseCaseGoesFromDefinitionToSignOffThroughHttpAlone() throws InterruptedException {
    String id = as("po1", "po1-pass")
        .contentType(ContentType.JSON)
        .body(REPO.resolve("samples/credit-use-case.json").toFile())
        .post("/api/v1/use-cases")
        .then().statusCode(201).body("stage", equalTo("AWAITING_USE_CASE_APPROVAL"))
        .extract().path("id");

    JsonPath waiting = awaitStage(id, "AWAITING_USE_CASE_APPROVAL");
    decide(id, "gov1", "USE_CASE_APPROVAL", waiting.getString("openGates[0].evidenceDigest"), "fits the credit policy");

    JsonPath signOff = awaitStage(id, "AWAITING_SIGN_OFF");
    String modelVersionId = signOff.getString("openGates[0].modelVersionId");
    assertThat(modelVersionId).isEqualTo(id + "-v1");

    JsonPath version = as("audit1", "audit1-pass").get("/api/v1/model-versions/" + modelVersionId)
        .then().statusCode(200).extract().jsonPath();
    assertThat(version.getList("evidence.name")).contains(
        "model-card", "data-statistics", "pre-training-bias", "training-metrics", "model-quality",
        "post-training-bias", "policy-result");
    double auc = as("audit1", "audit1-pass")
        .get("/api/v1/model-versions/" + modelVersionId + "/evidence/model-quality")
        .then().statusCode(200).extract().jsonPath().getDouble("binary_classification_metrics.auc.value");
    assertThat(auc).isBetween(0.6, 1.0);

    // A product owner is no governance member, whatever the evidence shows.
    as("po1", "po1-pass").contentType(ContentType.JSON)
        .body(Map.of("gate", "GOVERNANCE_SIGN_OFF", "outcome", "APPROVE", "comment", "mine",
            "evidenceDigest", signOff.getString("openGates[0].evidenceDigest")))
        .post("/api/v1/use-cases/" + id + "/decisions")
        .then().statusCode(403).contentType("application/problem+json").body("refusal", equalTo("WRONG_ROLE"));

    // High risk: two distinct governance members must approve.
    String digest = signOff.getString("openGates[0].evidenceDigest");
    decide(id, "gov2", "GOVERNANCE_SIGN_OFF", digest, "evidence reviewed; policy findings accepted as documented");
    assertThat(as("ops1", "ops1-pass").get("/api/v1/model-versions/" + modelVersionId)
        .then().statusCode(200).extract().jsonPath().getList("openGate.approvers")).containsExactly("gov2");
    decide(id, "gov3", "GOVERNANCE_SIGN_OFF", digest, "second approval");
    JsonPath signedOff = awaitStage(id, "SIGNED_OFF");
    assertThat(signedOff.getList("modelVersions[0].decisions.decision.actor")).containsExactly("gov2", "gov3");

    List<String> auditTypes = as("audit1", "audit1-pass").get("/api/v1/audit?useCase=" + id)
        .then().statusCode(200).extract().jsonPath().getList("entries.type");
    assertThat(auditTypes).isNotEmpty();

    List<String> signedOffIds = as("ops1", "ops1-pass").get("/api/v1/use-cases?stage=SIGNED_OFF")
        .then().statusCode(200).extract().jsonPath().getList("items.id");
    assertThat(signedOffIds).contains(id);
  }

  @Test
  void anOwnerInGovernanceCannotApproveTheirOwnUseCase() throws InterruptedException {
    String id = as("lead1", "lead1-pass").contentType(ContentType.JSON)
        .body(REPO.resolve("samples/credit-use-case.json").toFile())
        .post("/api/v1/use-cases")
        .then().statusCode(201).extract().path("id");
    String digest = awaitStage(id, "AWAITING_USE_CASE_APPROVAL").getString("openGates[0].evidenceDigest");
    as("lead1", "lead1-pass").contentType(ContentType.JSON)
        .body(Map.of("gate", "USE_CASE_APPROVAL", "outcome", "APPROVE", "comment", "my own", "evidenceDigest", digest))
        .post("/api/v1/use-cases/" + id + "/decisions")
        .then().statusCode(403).contentType("application/problem+json")
        .body("refusal", equalTo("OWNER_CANNOT_DECIDE"));
  }

  private static void decide(String id, String user, String gate, String digest, String comment) {
    as(user, user + "-pass").contentType(ContentType.JSON)
        .header("Idempotency-Key", id + "-" + gate + "-" + user)
        .body(Map.of("gate", gate, "outcome", "APPROVE", "comment", comment, "evidenceDigest", digest))
        .post("/api/v1/use-cases/" + id + "/decisions")
        .then().statusCode(200);
  }

  private static JsonPath awaitStage(String id, String stage) throws InterruptedException {
    Instant deadline = Instant.now().plus(LIFECYCLE_TIMEOUT);
    JsonPath state = null;
    while (Instant.now().isBefore(deadline)) {
      state = as("ops1", "ops1-pass").get("/api/v1/use-cases/" + id).then().extract().jsonPath();
      if (stage.equals(state.getString("stage")) && (!stage.startsWith("AWAITING") || !state.getList("openGates").isEmpty())) {
        return state;
      }
      assertThat(state.getString("stage")).as("use case stopped early; worker log:\n" + worker.logTail())
          .isNotIn("FAILED", "REJECTED");
      Thread.sleep(500);
    }
    throw new AssertionError("use case " + id + " did not reach " + stage + "; last state " + state.prettify());
  }

  private static RequestSpecification as(String user, String password) {
    return given().baseUri(api.baseUri()).auth().preemptive().basic(user, password);
  }
}
