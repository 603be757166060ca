package io.govflow.validation.aws;

import io.govflow.common.DataProblem;
import io.govflow.common.Heartbeats;
import io.govflow.common.aws.AwsErrors;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.ModelQuality;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evaluation.metrics.TableFormatException;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.validation.EndpointChecks;
import io.govflow.validation.EndpointValidation;
import io.govflow.validation.EndpointValidationActivities;
import io.govflow.validation.EndpointValidationRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/**
 * Step 10 against a SageMaker endpoint, through SageMaker's runtime API as any caller reaches it. Every held-out row
 * of the candidate's test split (its features as they are, in the split's column order: the pipeline's encoder
 * encodes them for the model) is sent as its own {@code text/csv} request, so the latency figures are per request as a real-time caller sees them, network included; each answer
 * must be one probability of the favourable label in [0, 1], as built-in XGBoost's {@code binary:logistic} answers;
 * and the model-quality metrics recomputed from the answers must equal the offline evaluation's.
 *
 * <p>The local validation's other probes (a describe call, JSON batches, malformed rows refused with a message) test
 * contracts of govflow's own endpoint server that SageMaker's containers do not offer. Validation traffic is
 * captured like any other; the test endpoint's capture is read by no monitor.
 */
public class AwsEndpointValidationActivities implements EndpointValidationActivities {

  /** A probability at or above this predicts the favourable label. */
  static final double DECISION_THRESHOLD = 0.5;
  private static final int HEARTBEAT_ROWS = 50;

  private final SageMakerRuntimeClient runtime;
  private final ArtifactStore store;

  public AwsEndpointValidationActivities(SageMakerRuntimeClient runtime, ArtifactStore store) {
    this.runtime = runtime;
    this.store = store;
  }

  @Override
  public EndpointValidation validate(EndpointValidationRequest request) {
    byte[] evaluation = EndpointChecks.evaluation(store, request.modelQuality());
    ModelQuality.LabelSpec label = labelOf(evaluation, request);
    Table test = testSplit(request.candidate().testDataLocation(), label.name());
    List<String> features = test.columns().stream().filter(column -> !column.equals(label.name())).toList();
    String endpoint = request.endpoint().endpointName();
    EndpointChecks checks = new EndpointChecks(endpoint);

    List<Double> answers = new ArrayList<>();
    double[] latencies = new double[test.rowCount()];
    for (int row = 0; row < test.rowCount(); row++) {
      if (row % HEARTBEAT_ROWS == 0) {
        Heartbeats.beat("sent " + row + " of " + test.rowCount() + " held-out rows to " + endpoint);
      }
      String line = Table.csvLine(test.row(row), features);
      long started = System.nanoTime();
      String answer = invoke(endpoint, line);
      latencies[row] = (System.nanoTime() - started) / 1e6;
      answers.add(answer == null ? null : probability(answer));
    }
    long answered = answers.stream().filter(answer -> answer != null).count();
    checks.csvInput("Every held-out row sent as text/csv is answered", answered, test.rowCount());
    long conforming = answers.stream().filter(answer -> answer != null && answer >= 0 && answer <= 1).count();
    checks.responseSchema("Every answer is one probability of the favourable label in [0, 1]", conforming,
        test.rowCount());
    checks.latency(latencies);

    if (conforming == test.rowCount()) {
      String unfavourable = otherLabel(test.column(label.name()), label.positiveLabel());
      double[] probabilities = answers.stream().mapToDouble(Double::doubleValue).toArray();
      List<String> predicted = answers.stream()
          .map(p -> p >= DECISION_THRESHOLD ? label.positiveLabel() : unfavourable).toList();
      checks.reproducesEvaluation(label.name(), label.positiveLabel(), test.column(label.name()), predicted,
          probabilities, evaluation);
    }
    return checks.outcome(store, request, test.rowCount(), latencies);
  }

  /**
   * The endpoint's answer to one row, or null when the model's container refused it. Failures of the service itself
   * (throttling, an endpoint not in service) end the attempt, for Temporal to retry.
   */
  private String invoke(String endpoint, String line) {
    try {
      return runtime.invokeEndpoint(b -> b.endpointName(endpoint).contentType("text/csv").accept("text/csv")
          .body(SdkBytes.fromUtf8String(line))).body().asUtf8String();
    } catch (ModelErrorException refused) {
      return null;
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "invoking endpoint " + endpoint);
    }
  }

  /** One number, or NaN when the answer is not exactly one (several columns or lines, or text). */
  private static Double probability(String answer) {
    try {
      return Double.parseDouble(answer.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private ModelQuality.LabelSpec labelOf(byte[] evaluation, EndpointValidationRequest request) {
    ModelQuality.LabelSpec label;
    try {
      label = EvidenceJson.read(evaluation, ModelQuality.class).label();
    } catch (IllegalArgumentException e) {
      label = null;
    }
    if (label == null || label.name() == null || label.positiveLabel() == null) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("the model-quality evidence at "
          + request.modelQuality().location() + " names no label and favourable label: evaluate the model version "
          + "again");
    }
    return label;
  }

  private Table testSplit(String location, String label) {
    try {
      Table test = Table.parse(store.get(location));
      if (test.rowCount() == 0 || !test.hasColumn(label)) {
        throw new TableFormatException(test.rowCount() == 0 ? "it has no rows" : "it has no column " + label);
      }
      return test;
    } catch (ArtifactNotFoundException | TableFormatException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("the test split at " + location + " cannot be read ("
          + e.getMessage() + "): train the model version again", e);
    }
  }

  /** The label a probability below the threshold stands for: the most frequent other class (first by name). */
  private static String otherLabel(List<String> labels, String favourable) {
    return labels.stream().filter(value -> !value.equals(favourable) && !Table.isMissing(value))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
        .entrySet().stream()
        .max(Comparator.comparing(Map.Entry<String, Long>::getValue)
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(Map.Entry::getKey).orElse("not " + favourable);
  }
}
