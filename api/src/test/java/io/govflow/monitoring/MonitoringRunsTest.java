package io.govflow.monitoring;

import static io.govflow.testing.ApiCalls.as;
import static io.govflow.testing.InventoryFixtures.T0;
import static io.govflow.testing.InventoryFixtures.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.govflow.common.Problem;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.registry.RegistryActivities;
import io.govflow.testing.InventoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Monitoring runs read from the inventory, and their reports served only as the run recorded them. */
@QuarkusTest
class MonitoringRunsTest {

  private static final String VIOLATIONS_JSON = "{\"violations\":[{\"feature_name\":\"age\","
      + "\"constraint_check_type\":\"baseline_drift_check\",\"description\":\"distance 0.41 exceeds 0.1\"}]}";

  @Inject
  RegistryActivities registry;

  @Inject
  LocalArtifactStore artifacts;

  String useCaseId;
  MonitoringRun quiet;
  MonitoringRun drifted;

  @BeforeEach
  void useCaseWithTwoRuns() {
    useCaseId = InventoryFixtures.newUseCaseId();
    InventoryFixtures.recordUseCase(registry, useCaseId);
    quiet = run(1, T0, List.of());
    drifted = run(2, T0.plus(Duration.ofHours(1)), List.of(new MonitoringViolation(Monitor.DATA_QUALITY,
        "baseline_drift_check", "age", "distance 0.41 exceeds 0.1", "data-quality-violations")));
    registry.recordMonitoringRun(quiet, event(useCaseId, "monitoring-run", T0));
    registry.recordMonitoringRun(drifted, event(useCaseId, "monitoring-run", T0));
  }

  @Test
  void runsOfAUseCaseAreListedNewestFirst() {
    as("audit1").get("/api/v1/use-cases/" + useCaseId + "/monitoring-runs")
        .then().statusCode(200)
        .body("runId", contains(drifted.runId(), quiet.runId()))
        .body("[0].violations", equalTo(1))
        .body("[0].capturedRecords", equalTo(1000))
        .body("[0].labelledRecords", equalTo(240))
        .body("[0].windowStart", equalTo("2026-04-01T09:00:00Z"))
        .body("[0].windowEnd", equalTo("2026-04-01T10:00:00Z"));
    as("po1").get("/api/v1/use-cases/" + useCaseId + "/monitoring-runs?limit=1")
        .then().statusCode(200)
        .body("runId", contains(drifted.runId()));
  }

  @Test
  void oneRunIsReadWithItsReportsAndViolations() {
    as("gov1").get("/api/v1/monitoring-runs/" + drifted.runId())
        .then().statusCode(200)
        .body("useCaseId", equalTo(useCaseId))
        .body("modelVersionId", equalTo(useCaseId + "-v1"))
        .body("reports.name", contains("data-quality-violations"))
        .body("reports[0].sha256", equalTo(drifted.reports().get(0).sha256()))
        .body("violations[0].subject", equalTo("age"))
        .body("violations[0].monitor", equalTo("DATA_QUALITY"));
  }

  @Test
  void reportIsServedVerifiedAndTamperingIsConflict() throws IOException {
    EvidenceRef report = drifted.reports().get(0);
    String path = "/api/v1/monitoring-runs/" + drifted.runId() + "/reports/data-quality-violations";

    as("ops1").get(path)
        .then().statusCode(200)
        .contentType("application/json")
        .header("ETag", "\"" + report.sha256() + "\"")
        .body("violations[0].feature_name", equalTo("age"));

    Files.writeString(artifacts.pathOf(report.location()), "{\"violations\":[]}");
    as("ops1").get(path)
        .then().statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:evidence-changed"))
        .body("detail", containsString("of monitoring run " + drifted.runId()));
  }

  @Test
  void unknownReportNameListsTheRunsReports() {
    as("ops1").get("/api/v1/monitoring-runs/" + drifted.runId() + "/reports/bias-drift")
        .then().statusCode(404)
        .body("type", equalTo("urn:govflow:problem:evidence-not-found"))
        .body("allowedValues", contains("data-quality-violations"))
        .body("detail", equalTo("monitoring run " + drifted.runId() + " has no evidence named bias-drift; it has "
            + "data-quality-violations"));
  }

  @Test
  void unknownRunOrUseCaseIsNotFound() {
    as("ops1").get("/api/v1/monitoring-runs/" + useCaseId + "-run-99")
        .then().statusCode(404)
        .body("type", equalTo("urn:govflow:problem:monitoring-run-not-found"));
    as("ops1").get("/api/v1/monitoring-runs/" + useCaseId + "-run-99/reports/data-quality-violations")
        .then().statusCode(404)
        .body("type", equalTo("urn:govflow:problem:monitoring-run-not-found"));
    as("ops1").get("/api/v1/use-cases/uc-zzzzzzzz/monitoring-runs")
        .then().statusCode(404)
        .body("type", equalTo("urn:govflow:problem:use-case-not-found"));
  }

  @Test
  void limitOutOfRangeIsInvalid() {
    as("ops1").get("/api/v1/use-cases/" + useCaseId + "/monitoring-runs?limit=0")
        .then().statusCode(422)
        .body("errors.field", contains("limit"));
  }

  @Test
  void runsNeedCredentials() {
    given().get("/api/v1/use-cases/" + useCaseId + "/monitoring-runs").then().statusCode(401);
    given().get("/api/v1/monitoring-runs/" + drifted.runId()).then().statusCode(401);
    given().get("/api/v1/monitoring-runs/" + drifted.runId() + "/reports/data-quality-violations")
        .then().statusCode(401);
  }

  private MonitoringRun run(int n, Instant windowStart, List<MonitoringViolation> violations) {
    String runId = useCaseId + "-run-" + n;
    List<EvidenceRef> reports = violations.isEmpty() ? List.of() : List.of(artifacts.put(
        ArtifactStore.evidenceKey(useCaseId, runId, "data-quality-violations"), "data-quality-violations",
        VIOLATIONS_JSON.getBytes(StandardCharsets.UTF_8), "application/json"));
    return new MonitoringRun(runId, useCaseId, useCaseId + "-v1", windowStart, windowStart.plus(Duration.ofHours(1)),
        1000, 240, reports, violations);
  }
}
