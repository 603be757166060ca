package io.govflow.validation.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.common.DataProblem;
import io.govflow.common.Heartbeats;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evaluation.metrics.TableFormatException;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.policy.Comparison;
import io.govflow.policy.Severity;
import io.govflow.training.local.LocalModel;
import io.govflow.training.local.ScoredRow;
import io.govflow.validation.EndpointChecks;
import io.govflow.validation.EndpointValidation;
import io.govflow.validation.EndpointValidationActivities;
import io.govflow.validation.EndpointValidationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 10 against a local endpoint, over HTTP as any caller reaches it. Every held-out row of the candidate's test
 * split is sent as its own CSV request (the latency figures are per request, as a real-time caller sees them) and
 * again in JSON batches; the contract is probed with a describe call and two malformed rows; and the answers must
 * reproduce the offline evaluation: the model-quality metrics recomputed from them equal the model-quality evidence
 * to {@value EndpointChecks#EXACT}, and each row's answer equals the candidate's model scoring that row in-process.
 * The checks SageMaker's endpoints share are {@link EndpointChecks}; this class adds the probes of govflow's own
 * endpoint server and the comparison with the model scoring in-process.
 *
 * <p>Validation traffic is captured like any other: step 10 validates the test endpoint, whose capture no monitor
 * reads, so production monitoring never sees it. (A header that switched capture off would let any caller hide
 * traffic from production monitoring.)
 */
public class LocalEndpointValidationActivities implements EndpointValidationActivities {

  static final int JSON_BATCH_ROWS = 100;

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String CSV = "text/csv";
  private static final String JSON = "application/json";

  private final ArtifactStore store;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public LocalEndpointValidationActivities(ArtifactStore store) {
    this.store = store;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public EndpointValidation validate(EndpointValidationRequest request) {
    LocalModel model = LocalModel.fromStore(store, request.candidate().modelLocation());
    String label = model.encoding().label();
    Table test = testSplit(request.candidate().testDataLocation());
    List<String> features = test.columns().stream().filter(column -> !column.equals(label)).toList();
    EndpointChecks checks = new EndpointChecks(request.endpoint().endpointName());

    describe(request, checks);
    Heartbeats.beat("sending " + test.rowCount() + " held-out rows to " + request.endpoint().url());
    Answers csv = sendRows(request.endpoint().url(), test, features);
    checks.csvInput("Every held-out row sent as text/csv is answered 200 with one prediction", csv.answered(),
        test.rowCount());
    Answers batches = sendJsonBatches(request.endpoint().url(), test, features);
    checks.add("contract.json-input", "The held-out rows sent as application/json batches get the same answers as"
            + " sent one by one as CSV", "agreeing_share", Comparison.AT_LEAST, 1.0,
        EndpointChecks.share(agreeing(csv, batches), test.rowCount()), Severity.HIGH);
    malformedRows(request.endpoint().url(), test, features, checks);
    checks.responseSchema("Every prediction names one of the label's classes and gives a probability in [0, 1]",
        conforming(csv, new HashSet<>(test.column(label))), test.rowCount());
    checks.latency(csv.latenciesMillis());

    if (csv.answered() == test.rowCount()) {
      comparePerRow(model, test, csv, checks);
      checks.reproducesEvaluation(label, model.encoding().favourableLabel(), test.column(label),
          csv.answers().stream().map(ScoredRow::predictedLabel).toList(),
          csv.answers().stream().mapToDouble(ScoredRow::favourableProbability).toArray(),
          EndpointChecks.evaluation(store, request.modelQuality()));
    }
    return checks.outcome(store, request, test.rowCount(), csv.latenciesMillis());
  }

  private void describe(EndpointValidationRequest request, EndpointChecks checks) {
    String url = request.endpoint().url().replaceFirst("/invocations/?$", "");
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
    String served = null;
    if (response.statusCode() == 200) {
      served = readTree(response.body()).map(body -> body.path("modelVersionId").asText(null)).orElse(null);
    }
    boolean names = request.modelVersionId().equals(served);
    checks.add("contract.describe", "GET " + url + " answers 200 naming the model version it serves (answered "
            + response.statusCode() + ", serving " + served + ")", "serves_model_version", Comparison.AT_LEAST, 1.0,
        names ? 1.0 : 0.0, Severity.HIGH);
  }

  private Answers sendRows(String url, Table test, List<String> features) {
    List<ScoredRow> answers = new ArrayList<>();
    double[] latencies = new double[test.rowCount()];
    for (int row = 0; row < test.rowCount(); row++) {
      String line = Table.csvLine(test.row(row), features);
      long started = System.nanoTime();
      HttpResponse<String> response = post(url, CSV, line);
      latencies[row] = (System.nanoTime() - started) / 1e6;
      answers.add(single(response));
    }
    return new Answers(answers, latencies);
  }

  private Answers sendJsonBatches(String url, Table test, List<String> features) {
    List<ScoredRow> answers = new ArrayList<>();
    for (int from = 0; from < test.rowCount(); from += JSON_BATCH_ROWS) {
      int to = Math.min(test.rowCount(), from + JSON_BATCH_ROWS);
      ObjectNode body = json.createObjectNode();
      ArrayNode instances = body.putArray("instances");
      for (int row = from; row < to; row++) {
        ObjectNode instance = instances.addObject();
        for (String column : features) {
          putValue(instance, column, test.value(row, column), test.type(column).isNumeric());
        }
      }
      List<ScoredRow> batch = predictions(post(url, JSON, body.toString())).orElse(List.of());
      for (int row = from; row < to; row++) {
        answers.add(batch.size() == to - from ? batch.get(row - from) : null);
      }
    }
    return new Answers(answers, new double[0]);
  }

  /**
   * A row one value short and a row with text in a numeric column must be refused with a 4xx whose body says what
   * is wrong; a 5xx would tell the caller the endpoint broke, a 200 that it scored nonsense.
   */
  private void malformedRows(String url, Table test, List<String> features, EndpointChecks checks) {
    List<String> values = features.stream().map(column -> Table.csvField(test.value(0, column))).toList();
    List<String> probes = new ArrayList<>();
    probes.add(String.join(",", values.subList(0, values.size() - 1)));
    features.stream().filter(column -> test.type(column).isNumeric()).findFirst().ifPresent(numeric -> {
      List<String> typed = new ArrayList<>(values);
      typed.set(features.indexOf(numeric), "not-a-number");
      probes.add(String.join(",", typed));
    });
    List<String> answered = new ArrayList<>();
    long refused = 0;
    for (String probe : probes) {
      HttpResponse<String> response = post(url, CSV, probe);
      String detail = readTree(response.body()).map(body -> body.path("detail").asText("")).orElse("");
      boolean clientError = response.statusCode() >= 400 && response.statusCode() < 500 && !detail.isBlank();
      refused += clientError ? 1 : 0;
      answered.add(String.valueOf(response.statusCode()));
    }
    checks.add("contract.malformed-input", "Malformed rows (a value short, text in a numeric column) are refused "
            + "with a 4xx and a message, not a 5xx or a prediction (answered " + String.join(", ", answered) + ")",
        "refused_share", Comparison.AT_LEAST, 1.0, EndpointChecks.share(refused, probes.size()), Severity.HIGH);
  }

  private void comparePerRow(LocalModel model, Table test, Answers csv, EndpointChecks checks) {
    long differing = 0;
    for (int row = 0; row < test.rowCount(); row++) {
      ScoredRow offline = model.predict(test.row(row));
      ScoredRow online = csv.answers().get(row);
      if (!offline.predictedLabel().equals(online.predictedLabel())
          || Math.abs(offline.favourableProbability() - online.favourableProbability()) > EndpointChecks.EXACT) {
        differing++;
      }
    }
    checks.add("predictions.offline-model", "Each held-out row's answer (label and probability) equals the "
            + "candidate's model scoring the row offline", "differing_rows", Comparison.AT_MOST, 0.0,
        (double) differing, Severity.HIGH);
  }

  private Table testSplit(String location) {
    try {
      Table test = Table.parse(store.get(location));
      if (test.rowCount() == 0) {
        throw new TableFormatException("it has no rows");
      }
      return test;
    } catch (ArtifactNotFoundException | TableFormatException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("the test split at " + location + " cannot be read ("
          + e.getMessage() + "): train the model version again", e);
    }
  }

  private HttpResponse<String> post(String url, String contentType, String body) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** An endpoint that cannot be reached is retried by the activity's policy rather than judged. */
  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("endpoint " + request.uri() + " cannot be reached", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling " + request.uri(), e);
    }
  }

  /** The one prediction of a single-row answer, or null where the answer is not one. */
  private ScoredRow single(HttpResponse<String> response) {
    return predictions(response).filter(answer -> answer.size() == 1).map(answer -> answer.get(0)).orElse(null);
  }

  private Optional<List<ScoredRow>> predictions(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    return readTree(response.body()).map(body -> {
      List<ScoredRow> answers = new ArrayList<>();
      for (JsonNode prediction : body.path("predictions")) {
        JsonNode probability = prediction.path("probability");
        answers.add(new ScoredRow(prediction.path("predicted_label").asText(null),
            probability.isNumber() ? probability.asDouble() : Double.NaN));
      }
      return answers;
    });
  }

  private Optional<JsonNode> readTree(String body) {
    try {
      return Optional.ofNullable(json.readTree(body));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void putValue(ObjectNode instance, String column, String value, boolean numeric) {
    if (Table.isMissing(value)) {
      instance.putNull(column);
    } else if (numeric) {
      instance.put(column, new BigDecimal(value));
    } else {
      instance.put(column, value);
    }
  }

  private static long agreeing(Answers csv, Answers json) {
    long agreeing = 0;
    for (int row = 0; row < csv.answers().size(); row++) {
      ScoredRow one = csv.answers().get(row);
      ScoredRow batched = json.answers().get(row);
      agreeing += one != null && one.equals(batched) ? 1 : 0;
    }
    return agreeing;
  }

  private static long conforming(Answers csv, Set<String> classes) {
    return csv.answers().stream().filter(answer -> answer != null && classes.contains(answer.predictedLabel())
        && answer.favourableProbability() >= 0 && answer.favourableProbability() <= 1).count();
  }

  /** The endpoint's answers in row order (null where a row got none) and each request's latency. */
  private record Answers(List<ScoredRow> answers, double[] latenciesMillis) {

    long answered() {
      return answers.stream().filter(answer -> answer != null).count();
    }
  }
}
