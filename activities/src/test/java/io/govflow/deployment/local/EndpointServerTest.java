package io.govflow.deployment.local;

import static io.govflow.deployment.local.CreditModels.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.training.CandidateModel;
import io.govflow.training.local.LocalModel;
import io.govflow.training.local.ScoredRow;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointServerTest {

  static final String ENDPOINT = "gf-uc-7-test";
  static final Instant NOW = Instant.parse("2026-01-31T10:15:30.123Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path artifacts;
  static LocalArtifactStore store;
  static Table sample;
  static List<String> features;
  static ServedModel v1;
  static ServedModel v2;

  EndpointServer server;
  String url;

  @BeforeAll
  static void trainTwoVersions() {
    store = new LocalArtifactStore(artifacts);
    sample = CreditModels.sample();
    features = sample.columns().stream().filter(column -> !column.equals("class")).toList();
    v1 = served(CreditModels.train(store, 1, 42));
    v2 = served(CreditModels.train(store, 2, 7));
  }

  @BeforeEach
  void startServer() {
    server = EndpointServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), store,
        Clock.fixed(NOW, ZoneOffset.UTC));
    server.serve(ENDPOINT, v1);
    url = server.invocationsUrl(ENDPOINT);
  }

  @AfterEach
  void stopServerAndForgetCapture() throws IOException {
    server.close();
    Path capture = store.pathOf(store.locationOf(DataCapture.rootKey(ENDPOINT)));
    if (Files.exists(capture)) {
      try (var files = Files.walk(capture)) {
        files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Test
  void everySampleRowSentAsHeaderlessCsvIsPredictedAsTheModelPredictsIt() throws IOException {
    String body = IntStream.range(0, sample.rowCount()).mapToObj(row -> Table.csvLine(sample.row(row), features))
        .collect(Collectors.joining("\n"));

    HttpResponse<String> response = post(url, "text/csv", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue(EndpointServer.MODEL_VERSION_HEADER)).hasValue("uc-7-v1");
    assertThat(predictions(response.body())).hasSize(1000).isEqualTo(expected(v1.model(), 0, 1000));
  }

  @Test
  void csvWithAHeaderLineMapsValuesByNameAndIgnoresTheLabel() throws IOException {
    List<String> shuffled = new ArrayList<>(sample.columns());
    Collections.reverse(shuffled);
    String body = String.join(",", shuffled) + "\r\n" + IntStream.range(0, 10)
        .mapToObj(row -> shuffled.stream().map(column -> sample.value(row, column)).collect(Collectors.joining(",")))
        .collect(Collectors.joining("\r\n")) + "\r\n";

    HttpResponse<String> response = post(url, "text/csv; charset=utf-8", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(predictions(response.body())).isEqualTo(expected(v1.model(), 0, 10));
  }

  @Test
  void jsonInstancesAsObjectsOrArraysArePredictedAsTheModelPredictsThem() throws IOException {
    StringBuilder objects = new StringBuilder("{\"instances\": [");
    for (int row = 0; row < 20; row++) {
      objects.append(row == 0 ? "" : ",").append(JSON.writeValueAsString(typed(row)));
    }
    objects.append("]}");
    StringBuilder arrays = new StringBuilder("[");
    for (int row = 0; row < 20; row++) {
      arrays.append(row == 0 ? "" : ",").append(JSON.writeValueAsString(typed(row).values()));
    }
    arrays.append("]");

    HttpResponse<String> fromObjects = post(url, "application/json", objects.toString());
    HttpResponse<String> fromArrays = post(url, "application/json", arrays.toString());

    assertThat(fromObjects.statusCode()).isEqualTo(200);
    assertThat(predictions(fromObjects.body())).isEqualTo(expected(v1.model(), 0, 20));
    assertThat(fromArrays.statusCode()).isEqualTo(200);
    assertThat(predictions(fromArrays.body())).isEqualTo(expected(v1.model(), 0, 20));
  }

  @Test
  void everyAnsweredRequestIsCapturedWithItsInputAndOutputUnderItsHour() throws IOException {
    String csv = Table.csvLine(sample.row(0), features) + "\n" + Table.csvLine(sample.row(1), features);
    String json = "[" + JSON.writeValueAsString(typed(2)) + "]";
    HttpResponse<String> csvAnswer = post(url, "text/csv", csv);
    HttpResponse<String> jsonAnswer = CreditModels.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").header(EndpointServer.INFERENCE_ID_HEADER, "loan-123")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());

    Path file = store.pathOf(store.locationOf(DataCapture.hourKey(ENDPOINT, NOW)));
    assertThat(file).endsWith(Path.of("data-capture", ENDPOINT, "2026", "01", "31", "10", "capture.jsonl"));
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);

    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.at("/captureData/endpointInput/observedContentType").asText()).isEqualTo("text/csv");
    assertThat(first.at("/captureData/endpointInput/mode").asText()).isEqualTo("INPUT");
    assertThat(first.at("/captureData/endpointInput/data").asText()).isEqualTo(csv);
    assertThat(first.at("/captureData/endpointInput/encoding").asText()).isEqualTo("CSV");
    assertThat(first.at("/captureData/endpointOutput/observedContentType").asText()).isEqualTo("application/json");
    assertThat(first.at("/captureData/endpointOutput/mode").asText()).isEqualTo("OUTPUT");
    assertThat(first.at("/captureData/endpointOutput/data").asText()).isEqualTo(csvAnswer.body());
    assertThat(first.at("/captureData/endpointOutput/encoding").asText()).isEqualTo("JSON");
    assertThat(first.at("/eventMetadata/eventId").asText())
        .isEqualTo(csvAnswer.headers().firstValue(EndpointServer.EVENT_ID_HEADER).orElseThrow())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(first.at("/eventMetadata/inferenceTime").asText()).isEqualTo("2026-01-31T10:15:30.123Z");
    assertThat(first.at("/eventMetadata").has("inferenceId")).isFalse();
    assertThat(first.get("eventVersion").asText()).isEqualTo("0");

    CaptureRecord second = CaptureRecord.parse(lines.get(1));
    assertThat(second.eventId()).isEqualTo(jsonAnswer.headers().firstValue(EndpointServer.EVENT_ID_HEADER)
        .orElseThrow()).isNotEqualTo(first.at("/eventMetadata/eventId").asText());
    assertThat(second.inferenceId()).isEqualTo("loan-123");
    assertThat(second.input()).isEqualTo(new CaptureRecord.Payload("application/json", json, "JSON"));
    assertThat(second.output().text()).isEqualTo(jsonAnswer.body());
  }

  @Test
  void swappingTheModelUnderConcurrentRequestsLosesNone() throws Exception {
    int threads = 4;
    int requestsEach = 200;
    AtomicInteger answered = new AtomicInteger();
    CountDownLatch halfway = new CountDownLatch(threads * requestsEach / 2);
    Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> failures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * requestsEach;
        failures.add(clients.submit(() -> {
          List<String> wrong = new ArrayList<>();
          for (int i = 0; i < requestsEach; i++) {
            int row = offset + i;
            HttpResponse<String> response = post(url, "text/csv", Table.csvLine(sample.row(row), features));
            String version = response.headers().firstValue(EndpointServer.MODEL_VERSION_HEADER).orElse("none");
            ServedModel answeredBy = version.equals("uc-7-v2") ? v2 : v1;
            if (response.statusCode() != 200
                || !predictions(response.body()).equals(expected(answeredBy.model(), row, row + 1))) {
              wrong.add(row + ": " + response.statusCode() + " " + version + " " + response.body());
            }
            byVersion.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
            answered.incrementAndGet();
            halfway.countDown();
          }
          return wrong;
        }));
      }
      assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
      server.serve(ENDPOINT, v2);
      for (Future<List<String>> failure : failures) {
        assertThat(failure.get(60, TimeUnit.SECONDS)).isEmpty();
      }
    } finally {
      clients.shutdownNow();
    }

    assertThat(answered.get()).isEqualTo(800);
    assertThat(byVersion.keySet()).containsExactlyInAnyOrder("uc-7-v1", "uc-7-v2");
    assertThat(byVersion.get("uc-7-v1").get()).isGreaterThanOrEqualTo(400);
    assertThat(Files.readAllLines(store.pathOf(store.locationOf(DataCapture.hourKey(ENDPOINT, NOW)))))
        .hasSize(800).allSatisfy(line -> assertThat(CaptureRecord.parse(line).output()).isNotNull());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      text/csv         | 'A,6'                                        | row 1 has 2 values but 20 are expected, the features in this order: checking_status,duration
      text/csv         | ''                                           | the body holds no rows
      text/csv         | '<0,six,critical/other existing credit,radio/tv,1169,no known savings,>=7,4,male single,none,4,real estate,67,none,own,2,skilled,1,yes,yes' | row 1 column 'duration' is numeric but has 'six'
      application/json | '{"instances": [{"duration": 6'              | unreadable JSON at line 1
      application/json | '{"rows": []}'                               | the JSON body must be {"instances": [...]}
      application/json | '[{"durration": 6}]'                         | instance 1 has column 'durration', which the model does not know
      application/json | '[{"duration": {"months": 6}}]'              | instance 1 column 'duration' is a JSON object
      application/json | '[42]'                                       | instance 1 is number
      """)
  void malformedInputIsRefusedWith400AndSaysWhatIsWrong(String contentType, String body, String detail)
      throws IOException {
    HttpResponse<String> response = post(url, contentType, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("type").asText()).isEqualTo("urn:govflow:problem:malformed-input");
    assertThat(problem.get("detail").asText()).startsWith(detail);
    assertThat(response.body()).doesNotContain("Exception", "\tat ", "io.govflow");
    assertThat(store.pathOf(store.locationOf(DataCapture.hourKey(ENDPOINT, NOW)))).doesNotExist();
  }

  @Test
  void aBodyLargerThanSageMakersLimitIsRefusedWith413() throws IOException {
    HttpResponse<String> response = post(url, "text/csv", "1".repeat(EndpointServer.MAX_PAYLOAD_BYTES + 1));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).get("detail").asText())
        .isEqualTo("the body is larger than 6291456 bytes: send the rows in several requests");
  }

  @Test
  void aContentTypeOtherThanCsvOrJsonIsRefusedWith415() throws IOException {
    HttpResponse<String> response = post(url, "application/x-protobuf", "whatever");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(response.body()).get("detail").asText())
        .isEqualTo("Content-Type 'application/x-protobuf' is not supported: send rows as text/csv or application/json");
  }

  @Test
  void anEndpointNotDeployedIsA404() throws IOException {
    HttpResponse<String> unknown = post(server.invocationsUrl("gf-uc-8-test"), "text/csv", "1,2");
    HttpResponse<String> elsewhere = post(url.replace("/invocations", "/predict"), "text/csv", "1,2");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("detail").asText())
        .isEqualTo("no endpoint named 'gf-uc-8-test' is deployed here: deploy a model version to it first");
    assertThat(elsewhere.statusCode()).isEqualTo(404);
  }

  @Test
  void invocationsTakeOnlyPost() {
    HttpResponse<String> response = CreditModels.send(HttpRequest.newBuilder(URI.create(url)).GET().build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void anEndpointDescribesTheVersionAndColumnsItServes() throws IOException {
    HttpResponse<String> response = CreditModels.send(
        HttpRequest.newBuilder(URI.create(url.replace("/invocations", ""))).GET().build());

    JsonNode description = JSON.readTree(response.body());
    assertThat(description.get("modelVersionId").asText()).isEqualTo("uc-7-v1");
    assertThat(description.get("label").asText()).isEqualTo("class");
    assertThat(description.get("featureColumns")).extracting(JsonNode::asText).containsExactlyElementsOf(features);
  }

  static ServedModel served(CandidateModel candidate) {
    List<String> columns = CreditModels.sample().columns().stream().filter(c -> !c.equals("class")).toList();
    return new ServedModel(candidate.modelPackageId(), LocalModel.fromStore(store, candidate.modelLocation()),
        columns);
  }

  /** A sample row's features with numeric columns as JSON numbers, in feature order. */
  static Map<String, Object> typed(int row) {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    for (String column : features) {
      String value = sample.value(row, column);
      values.put(column, sample.type(column).isNumeric() ? (Object) Double.valueOf(value) : value);
    }
    return values;
  }

  static List<ScoredRow> expected(LocalModel model, int from, int to) {
    return IntStream.range(from, to).mapToObj(row -> model.predict(sample.row(row))).toList();
  }

  static List<ScoredRow> predictions(String body) throws IOException {
    List<ScoredRow> scored = new ArrayList<>();
    for (JsonNode prediction : JSON.readTree(body).get("predictions")) {
      scored.add(new ScoredRow(prediction.get("predicted_label").asText(), prediction.get("probability").asDouble()));
    }
    return scored;
  }
}
