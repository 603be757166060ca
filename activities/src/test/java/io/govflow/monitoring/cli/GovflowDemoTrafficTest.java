package io.govflow.monitoring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.govflow.common.Samples;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.deployment.local.CaptureRecord;
import io.govflow.deployment.local.CreditModels;
import io.govflow.deployment.local.EndpointServer;
import io.govflow.deployment.local.LocalDeploymentActivities;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.LocalArtifactStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo command against a real local endpoint and a stand-in for the API's endpoint and ground-truth resources. */
class GovflowDemoTrafficTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path artifacts;
  static LocalArtifactStore store;
  static EndpointServer server;
  static EndpointRef endpoint;
  static HttpServer api;
  static final Map<String, String> posted = new ConcurrentHashMap<>();

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void serveAModelAndTheApi() throws IOException {
    store = new LocalArtifactStore(artifacts);
    server = EndpointServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), store,
        Clock.systemUTC());
    endpoint = new LocalDeploymentActivities(store, server).deploy(new DeploymentRequest("uc-7", "uc-7-v1",
        Environment.PRODUCTION, CreditModels.train(store, 1, 42)));
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/api/v1/use-cases/uc-7/endpoints", exchange -> answer(exchange, 200,
        "[{\"endpointName\":\"gf-uc-7-test\",\"environment\":\"TEST\",\"url\":\"http://127.0.0.1:1/x\","
            + "\"serving\":true},{\"endpointName\":\"gf-uc-7-prod\",\"environment\":\"PRODUCTION\",\"url\":\""
            + endpoint.url() + "\",\"modelVersionId\":\"uc-7-v1\",\"serving\":true}]"));
    api.createContext("/api/v1/use-cases/uc-7/ground-truth", exchange -> {
      posted.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
      posted.put("key", exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      posted.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      answer(exchange, 202, "{}");
    });
    api.start();
  }

  @AfterAll
  static void stopServers() {
    api.stop(0);
    server.close();
  }

  @Test
  void sendsTheShiftedSampleToTheProductionEndpointAndPostsItsTrueLabels() throws IOException {
    int exit = command().run("--api", "http://127.0.0.1:" + api.getAddress().getPort(), "--use-case", "uc-7",
        "--user", "po1", "--password", "po1-pass", "--shift", "age+15,credit_amount*2", "--limit", "40",
        "--sample", Samples.path(Samples.CREDIT_G).toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("sent 40 rows to " + endpoint.url() + " shifted by age+15,credit_amount*2: "
        + "40 answered, 0 refused; latency p50 ").contains("posted 40 labels to ");

    Table sample = CreditModels.sample();
    List<String> features = sample.columns().subList(0, sample.columns().size() - 1);
    List<CaptureRecord> captured = captured();
    assertThat(captured).hasSize(40);
    for (int row = 0; row < 40; row++) {
      Map<String, String> sent = captured.get(row).inputRows(features, "class").get(0);
      assertThat(sent.get("age")).isEqualTo(Long.toString(Long.parseLong(sample.value(row, "age")) + 15));
      assertThat(sent.get("credit_amount"))
          .isEqualTo(Long.toString(Long.parseLong(sample.value(row, "credit_amount")) * 2));
      assertThat(sent.get("purpose")).isEqualTo(sample.value(row, "purpose"));
    }

    JsonNode labels = JSON.readTree(posted.get("body")).path("labels");
    assertThat(labels).hasSize(40);
    for (int row = 0; row < 40; row++) {
      assertThat(labels.get(row).path("eventId").asText()).isEqualTo(captured.get(row).eventId());
      assertThat(labels.get(row).path("label").asText()).isEqualTo(sample.value(row, "class"));
    }
    assertThat(posted.get("authorization")).isEqualTo("Basic cG8xOnBvMS1wYXNz");
    assertThat(posted.get("key")).startsWith("demo-traffic-").hasSize("demo-traffic-".length() + 32);
  }

  @Test
  void aShiftThatIsNotColumnOperatorNumberIsBadInput() {
    int exit = command().run("--endpoint", endpoint.url(), "--shift", "age^2",
        "--sample", Samples.path(Samples.CREDIT_G).toString());

    assertThat(exit).isEqualTo(GovflowDemoTraffic.BAD_INPUT);
    assertThat(err.toString()).contains("--shift 'age^2' is not <column><+|-|*|/><number>");
  }

  private GovflowDemoTraffic command() {
    return new GovflowDemoTraffic(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** Every captured record of the endpoint, in the order the requests were sent. */
  private static List<CaptureRecord> captured() throws IOException {
    List<CaptureRecord> records = new ArrayList<>();
    try (Stream<Path> files = Files.walk(store.pathOf(endpoint.captureLocation()))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        Files.readAllLines(file).forEach(line -> records.add(CaptureRecord.parse(line)));
      }
    }
    return records;
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(bytes);
    }
  }
}
