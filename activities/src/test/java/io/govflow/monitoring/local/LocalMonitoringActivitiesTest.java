package io.govflow.monitoring.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.deployment.local.CreditModels;
import io.govflow.deployment.local.EndpointServer;
import io.govflow.deployment.local.LocalDeploymentActivities;
import io.govflow.evaluation.ModelEvaluation;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.monitoring.BaselineRequest;
import io.govflow.monitoring.GroundTruthEncoding;
import io.govflow.monitoring.GroundTruthLabel;
import io.govflow.monitoring.GroundTruthStore;
import io.govflow.monitoring.Monitor;
import io.govflow.monitoring.MonitoringBaseline;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.monitoring.MonitoringRunRequest;
import io.govflow.monitoring.MonitoringViolation;
import io.govflow.testing.SettableClock;
import io.govflow.training.CandidateModel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps 12 and 13 on real credit-g traffic: rows sent over HTTP to a production endpoint serving a model trained on
 * credit-g, captured by it, labelled through the ground truth store, and checked by monitoring runs.
 */
class LocalMonitoringActivitiesTest {

  static final String VERSION = "uc-7-v1";
  static final Instant TEN = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path artifacts;
  static LocalArtifactStore store;
  static SettableClock clock;
  static EndpointServer server;
  static LocalDeploymentActivities deployment;
  static GroundTruthStore groundTruth;
  static LocalMonitoringActivities monitoring;
  static CandidateModel v1;
  static ModelEvaluation evaluation;
  static MonitoringBaseline baseline;
  static Table sample;
  static List<String> features;

  @BeforeAll
  static void trainEvaluateBaselineAndServe() {
    store = new LocalArtifactStore(artifacts);
    v1 = CreditModels.train(store, 1, 42);
    evaluation = CreditModels.evaluate(store, v1);
    clock = new SettableClock(TEN);
    server = EndpointServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), store, clock);
    deployment = new LocalDeploymentActivities(store, server);
    groundTruth = new GroundTruthStore(store, GroundTruthEncoding.AS_POSTED);
    monitoring = new LocalMonitoringActivities(store, groundTruth);
    baseline = monitoring.createBaseline(new BaselineRequest(CreditModels.USE_CASE, VERSION, v1, CreditModels.CREDIT,
        CreditModels.FACETS, evaluation.evidence()));
    sample = CreditModels.sample();
    features = sample.columns().stream().filter(column -> !column.equals("class")).toList();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void baselineDescribesTheTrainingRowsAsTheEndpointReceivesThemAndBoundsModelQuality() throws IOException {
    JsonNode statistics = read(baseline.statistics());
    assertThat(statistics.path("dataset").path("item_count").asLong()).isEqualTo(700);
    assertThat(statistics.path("features").findValuesAsText("name")).containsExactlyElementsOf(features);
    assertThat(read(baseline.constraints()).path("features")).hasSize(features.size());
    assertThat(baseline.statistics().location()).isEqualTo(store.locationOf(
        ArtifactStore.evidenceKey(CreditModels.USE_CASE, VERSION, MonitoringBaseline.STATISTICS)));

    JsonNode evaluated = read(evidence(EvidenceRef.MODEL_QUALITY)).path("binary_classification_metrics");
    JsonNode constraints = read(baseline.modelQualityConstraints()).path("binary_classification_constraints");
    assertThat(constraints.fieldNames()).toIterable().containsExactly("accuracy", "auc", "f1",
        "false_negative_rate", "false_positive_rate", "precision", "recall", "true_negative_rate",
        "true_positive_rate");
    JsonNode accuracy = evaluated.path("accuracy");
    assertThat(constraints.path("accuracy").path("threshold").asDouble())
        .isEqualTo(accuracy.path("value").asDouble() - 3 * accuracy.path("standard_deviation").asDouble());
    assertThat(constraints.path("accuracy").path("comparison_operator").asText()).isEqualTo("LessThanThreshold");
    JsonNode falsePositives = evaluated.path("false_positive_rate");
    assertThat(constraints.path("false_positive_rate").path("threshold").asDouble()).isEqualTo(
        falsePositives.path("value").asDouble() + 3 * falsePositives.path("standard_deviation").asDouble());
    assertThat(constraints.path("false_positive_rate").path("comparison_operator").asText())
        .isEqualTo("GreaterThanThreshold");
    assertThat(baseline.postTrainingBias()).isEqualTo(evidence(EvidenceRef.POST_TRAINING_BIAS));
  }

  @Test
  void olderApplicantsAskingForDoubleTheAmountDriftOnExactlyThoseTwoFeatures() throws IOException {
    EndpointRef endpoint = deploy("uc-shifted");
    send(endpoint, TEN.plusSeconds(900), row -> {
      row.put("age", Long.toString(Long.parseLong(row.get("age")) + 15));
      row.put("credit_amount", Long.toString(Long.parseLong(row.get("credit_amount")) * 2));
      return row;
    });

    MonitoringRun run = monitoring.runMonitoring(request("uc-shifted", endpoint, "uc-shifted-run-1", TEN));

    assertThat(run.capturedRecords()).isEqualTo(1000);
    assertThat(run.labelledRecords()).isZero();
    assertThat(run.violations())
        .extracting(MonitoringViolation::monitor, MonitoringViolation::checkType, MonitoringViolation::subject,
            MonitoringViolation::report)
        .containsExactlyInAnyOrder(
            tuple(Monitor.DATA_QUALITY, "baseline_drift_check", "age", "data-quality-constraint-violations"),
            tuple(Monitor.DATA_QUALITY, "baseline_drift_check", "credit_amount", "data-quality-constraint-violations"));
    assertThat(run.violations()).allSatisfy(violation -> assertThat(violation.description())
        .contains("between 700 baseline and 1000 current values"));
    assertThat(run.reports()).extracting(EvidenceRef::name)
        .containsExactly("data-quality-statistics", "data-quality-constraint-violations");
    assertThat(run.reports().get(1).location()).isEqualTo(store.locationOf(
        "monitoring/uc-shifted/uc-shifted-run-1/data-quality/constraint_violations.json"));
    assertThat(read(run.reports().get(1)).path("violations").findValuesAsText("feature_name"))
        .containsExactlyInAnyOrder("age", "credit_amount");
    assertThat(read(run.reports().get(0)).path("dataset").path("item_count").asLong()).isEqualTo(1000);
  }

  @Test
  void trafficLikeTheTrainingDataBreaksNoDataQualityConstraintAndTheWindowEndsWhereItSays() {
    EndpointRef endpoint = deploy("uc-plain");
    send(endpoint, TEN.plusSeconds(1800), UnaryOperator.identity());
    send(endpoint, TEN.plus(HOUR), UnaryOperator.identity());

    MonitoringRun run = monitoring.runMonitoring(request("uc-plain", endpoint, "uc-plain-run-1", TEN));

    assertThat(run.capturedRecords()).isEqualTo(1000);
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void heldOutRowsLabelledAsTrafficReproduceTheEvaluationAndFlippedLabelsBreakItsConstraints() throws IOException {
    EndpointRef endpoint = deploy("uc-labelled");
    Table heldOut = Table.parse(store.get(v1.testDataLocation()));
    List<String> events = send(endpoint, heldOut, TEN.minus(HOUR).plusSeconds(600), UnaryOperator.identity());
    groundTruth.write("uc-labelled", "good", "upload-true", labels(heldOut, events, false), TEN.plusSeconds(1200));
    groundTruth.write("uc-labelled", "good", "upload-flipped", labels(heldOut, events, true),
        TEN.plus(HOUR).plusSeconds(1200));

    MonitoringRun truth = monitoring.runMonitoring(request("uc-labelled", endpoint, "uc-labelled-run-1", TEN));
    MonitoringRun flipped = monitoring.runMonitoring(
        request("uc-labelled", endpoint, "uc-labelled-run-2", TEN.plus(HOUR)));

    // Captured an hour before the window, labelled within it: joined by eventId through the lookback.
    assertThat(truth.capturedRecords()).isZero();
    assertThat(truth.labelledRecords()).isEqualTo(heldOut.rowCount());
    assertThat(truth.reports()).extracting(EvidenceRef::name).containsExactly("model-quality-statistics",
        "model-quality-constraint-violations", "bias-drift-analysis", "bias-drift-constraint-violations");
    // The same rows, answers and labels as the evaluation, in its order: the same documents.
    assertThat(read(truth.reports().get(0)).path("binary_classification_metrics"))
        .isEqualTo(read(evidence(EvidenceRef.MODEL_QUALITY)).path("binary_classification_metrics"));
    assertThat(read(truth.reports().get(2)).path("post_training_bias_metrics"))
        .isEqualTo(read(evidence(EvidenceRef.POST_TRAINING_BIAS)).path("post_training_bias_metrics"));
    assertThat(truth.violations()).isEmpty();

    JsonNode evaluated = read(evidence(EvidenceRef.MODEL_QUALITY)).path("binary_classification_metrics");
    assertThat(flipped.labelledRecords()).isEqualTo(heldOut.rowCount());
    assertThat(flipped.violations()).filteredOn(violation -> violation.monitor() == Monitor.MODEL_QUALITY)
        .extracting(MonitoringViolation::checkType, MonitoringViolation::subject, MonitoringViolation::report)
        .contains(tuple("LessThanThreshold", "accuracy", "model-quality-constraint-violations"),
            tuple("LessThanThreshold", "auc", "model-quality-constraint-violations"));
    double flippedAccuracy = read(flipped.reports().get(0)).path("binary_classification_metrics").path("accuracy")
        .path("value").asDouble();
    assertThat(flippedAccuracy).isCloseTo(1 - evaluated.path("accuracy").path("value").asDouble(), within(1e-12));
    assertThat(flipped.violations()).filteredOn(violation -> violation.subject().equals("accuracy"))
        .singleElement().satisfies(violation -> assertThat(violation.description())
            .startsWith("Metric accuracy with " + flippedAccuracy + " was LessThanThreshold "));
  }

  @Test
  void runningAWindowAgainWritesTheSameDocuments() {
    EndpointRef endpoint = deploy("uc-again");
    List<String> events = send(endpoint, TEN.plusSeconds(60), UnaryOperator.identity());
    groundTruth.write("uc-again", "good", "upload-1", labels(sample, events, false), TEN.plusSeconds(3000));
    MonitoringRunRequest request = request("uc-again", endpoint, "uc-again-run-1", TEN);

    MonitoringRun first = monitoring.runMonitoring(request);
    MonitoringRun second = monitoring.runMonitoring(request);

    assertThat(first.reports()).hasSize(6);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aWindowWithoutTrafficOrLabelsIsAQuietRun() {
    EndpointRef endpoint = deploy("uc-quiet");

    MonitoringRun run = monitoring.runMonitoring(request("uc-quiet", endpoint, "uc-quiet-run-1", TEN));

    assertThat(run.capturedRecords()).isZero();
    assertThat(run.labelledRecords()).isZero();
    assertThat(run.reports()).isEmpty();
    assertThat(run.violations()).isEmpty();
  }

  private static EndpointRef deploy(String useCase) {
    return deployment.deploy(new DeploymentRequest(useCase, VERSION, Environment.PRODUCTION, v1));
  }

  /** Sends every sample row, as changed by {@code change}, one request each, from {@code at}; the event ids. */
  private static List<String> send(EndpointRef endpoint, Instant at, UnaryOperator<Map<String, String>> change) {
    return send(endpoint, sample, at, change);
  }

  /**
   * Sends every row of {@code rows} without its label, one request each, a millisecond apart from {@code at}, so
   * that a run reads them in this order; the event ids, in row order.
   */
  private static List<String> send(EndpointRef endpoint, Table rows, Instant at,
      UnaryOperator<Map<String, String>> change) {
    List<String> events = new ArrayList<>();
    for (int row = 0; row < rows.rowCount(); row++) {
      clock.set(at.plusMillis(row));
      Map<String, String> values = change.apply(new LinkedHashMap<>(rows.row(row)));
      String line = String.join(",", features.stream().map(values::get).toList());
      HttpResponse<String> response = CreditModels.post(endpoint.url(), "text/csv", line);
      assertThat(response.statusCode()).isEqualTo(200);
      events.add(response.headers().firstValue(EndpointServer.EVENT_ID_HEADER).orElseThrow());
    }
    return events;
  }

  private static List<GroundTruthLabel> labels(Table rows, List<String> events, boolean flipped) {
    List<GroundTruthLabel> labels = new ArrayList<>();
    for (int row = 0; row < events.size(); row++) {
      String label = rows.value(row, "class");
      labels.add(new GroundTruthLabel(events.get(row), flipped ? (label.equals("good") ? "bad" : "good") : label));
    }
    return labels;
  }

  private static MonitoringRunRequest request(String useCase, EndpointRef endpoint, String runId, Instant from) {
    return new MonitoringRunRequest(useCase, VERSION, runId, endpoint, baseline, CreditModels.CREDIT,
        CreditModels.FACETS, from, from.plus(HOUR));
  }

  private static EvidenceRef evidence(String name) {
    return evaluation.evidence().stream().filter(ref -> ref.name().equals(name)).findFirst().orElseThrow();
  }

  private static JsonNode read(EvidenceRef ref) throws IOException {
    return JSON.readTree(store.get(ref.location()));
  }
}
