package io.govflow.validation.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.deployment.local.CreditModels;
import io.govflow.deployment.local.EndpointServer;
import io.govflow.deployment.local.LocalDeploymentActivities;
import io.govflow.deployment.local.ServedModel;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.policy.Finding;
import io.govflow.training.CandidateModel;
import io.govflow.training.local.LocalModel;
import io.govflow.validation.EndpointValidation;
import io.govflow.validation.EndpointValidationRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step 10 over real HTTP against the worker's endpoint server, serving credit-g models. */
class LocalEndpointValidationActivitiesTest {

  static final String VERSION = "uc-7-v1";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path artifacts;
  static LocalArtifactStore store;
  static CandidateModel v1;
  static CandidateModel v2;
  static EvidenceRef modelQuality;
  static EndpointServer server;

  final LocalEndpointValidationActivities validation = new LocalEndpointValidationActivities(store);

  @BeforeAll
  static void trainEvaluateAndServe() {
    store = new LocalArtifactStore(artifacts);
    v1 = CreditModels.train(store, 1, 42);
    v2 = CreditModels.train(store, 2, 7);
    modelQuality = CreditModels.evaluate(store, v1).evidence().stream()
        .filter(ref -> ref.name().equals(EvidenceRef.MODEL_QUALITY)).findFirst().orElseThrow();
    server = EndpointServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), store,
        Clock.systemUTC());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void endpointServingTheSignedOffVersionPassesEveryCheckAndKeepsTheReport() throws IOException {
    EndpointRef endpoint = new LocalDeploymentActivities(store, server)
        .deploy(new DeploymentRequest(CreditModels.USE_CASE, VERSION, Environment.TEST, v1));

    EndpointValidation result = validation.validate(request(endpoint));

    assertThat(result.passed()).isTrue();
    assertThat(result.checks()).extracting(Finding::rule).containsExactly(
        "contract.describe", "contract.csv-input", "contract.json-input", "contract.malformed-input",
        "contract.response-schema", "latency.p99", "predictions.offline-model",
        "predictions.model-quality.recall", "predictions.model-quality.precision",
        "predictions.model-quality.accuracy", "predictions.model-quality.f1", "predictions.model-quality.auc",
        "predictions.model-quality.true_positive_rate", "predictions.model-quality.true_negative_rate",
        "predictions.model-quality.false_positive_rate", "predictions.model-quality.false_negative_rate");
    assertThat(result.checks()).allSatisfy(check -> {
      assertThat(check.passed()).as(check.rule()).isTrue();
      assertThat(check.evidence()).isEqualTo(EndpointValidation.EVIDENCE_NAME);
      assertThat(check.subject()).isEqualTo("gf-uc-7-test");
    });
    // the same model on the same rows: the recomputed metrics are the evaluation's to the last bit
    assertThat(result.checks()).filteredOn(check -> check.rule().startsWith("predictions."))
        .extracting(Finding::measured).containsOnly(0.0);
    assertThat(result.latencyP50Millis()).isPositive().isLessThanOrEqualTo(result.latencyP99Millis());

    assertThat(result.report().location()).isEqualTo(store.locationOf(
        ArtifactStore.evidenceKey(CreditModels.USE_CASE, VERSION, EndpointValidation.EVIDENCE_NAME)));
    JsonNode report = JSON.readTree(store.get(result.report().location()));
    assertThat(report.path("passed").asBoolean()).isTrue();
    assertThat(report.path("held_out_rows").asInt()).isEqualTo(heldOutRows());
    assertThat(report.path("latency_millis").path("requests").asInt()).isEqualTo(heldOutRows());
    assertThat(report.path("checks")).hasSize(result.checks().size());
  }

  @Test
  void anotherModelAnsweringUnderTheVersionFailsOnItsPredictionsAlone() {
    Table test = Table.parse(store.get(v1.testDataLocation()));
    List<String> features = test.columns().stream().filter(column -> !column.equals("class")).toList();
    server.serve("gf-swapped", new ServedModel(VERSION, LocalModel.fromStore(store, v2.modelLocation()), features));
    EndpointRef swapped = new EndpointRef("gf-swapped", Environment.TEST, server.invocationsUrl("gf-swapped"),
        VERSION, null);

    EndpointValidation result = validation.validate(request(swapped));

    assertThat(result.passed()).isFalse();
    assertThat(result.checks()).filteredOn(check -> check.rule().startsWith("contract."))
        .allSatisfy(check -> assertThat(check.passed()).as(check.rule()).isTrue());
    Finding perRow = find(result, "predictions.offline-model");
    assertThat(perRow.passed()).isFalse();
    assertThat(perRow.measured()).isPositive();
    assertThat(find(result, "predictions.model-quality.auc").passed()).isFalse();
  }

  @Test
  void anEndpointBreakingTheContractFailsThoseChecks() throws IOException {
    HttpServer careless = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Serves another version, scores whatever it is sent, and answers a probability outside [0, 1].
    careless.createContext("/", exchange -> answer(exchange, exchange.getRequestMethod().equals("GET")
        ? "{\"modelVersionId\":\"uc-7-v9\"}"
        : "{\"predictions\":[{\"predicted_label\":\"good\",\"probability\":1.5}]}"));
    careless.start();
    try {
      String url = "http://127.0.0.1:" + careless.getAddress().getPort() + "/endpoints/gf-careless/invocations";
      EndpointValidation result = validation.validate(request(
          new EndpointRef("gf-careless", Environment.TEST, url, VERSION, null)));

      assertThat(result.passed()).isFalse();
      assertThat(result.checks()).filteredOn(check -> !check.passed()).extracting(Finding::rule).contains(
          "contract.describe", "contract.json-input", "contract.malformed-input", "contract.response-schema");
      assertThat(find(result, "contract.malformed-input").description()).contains("answered 200, 200");
      assertThat(find(result, "contract.describe").description()).contains("serving uc-7-v9");
    } finally {
      careless.stop(0);
    }
  }

  private static EndpointValidationRequest request(EndpointRef endpoint) {
    return new EndpointValidationRequest(CreditModels.USE_CASE, VERSION, endpoint, v1, modelQuality);
  }

  private static int heldOutRows() {
    return Table.parse(store.get(v1.testDataLocation())).rowCount();
  }

  private static Finding find(EndpointValidation result, String rule) {
    return result.checks().stream().filter(check -> check.rule().equals(rule)).findFirst().orElseThrow();
  }

  private static void answer(HttpExchange exchange, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
