package io.govflow.validation.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Samples;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.evaluation.metrics.BinaryClassification;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.policy.Finding;
import io.govflow.testing.Emulator;
import io.govflow.testing.SageMakerRuntimeStub;
import io.govflow.training.CandidateModel;
import io.govflow.validation.EndpointValidation;
import io.govflow.validation.EndpointValidationRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * Step 10 against SageMaker's runtime API, played by {@link SageMakerRuntimeStub} (moto answers every invocation with
 * fixed text): the endpoint is a scoring rule on the held-out rows of credit-g, the offline evaluation the same rule's
 * model quality, with the split and the evidence in S3 on moto.
 */
class AwsEndpointValidationActivitiesIT {

  private static final String BUCKET = "govflow-artifacts";
  private static final String TEST_SPLIT = "use-cases/uc-17/uc-17-v1/training/gf-uc-17-v1-train/test.csv";
  private static final int HELD_OUT_ROWS = 120;
  /** The model the endpoint serves: a probability of "good" from the duration and amount of the credit. */
  private static final ToDoubleFunction<String[]> SERVED = row ->
      1 / (1 + Math.exp((Double.parseDouble(row[1]) - 24) / 12 + (Double.parseDouble(row[4]) - 3000) / 4000));

  @RegisterExtension
  static final Emulator aws = new Emulator();

  private static SageMakerRuntimeStub endpoint;
  private static SageMakerRuntimeClient runtime;

  private final S3Client s3 = aws.s3();
  private final ObjectMapper json = new ObjectMapper();
  private S3ArtifactStore store;
  private EndpointValidationRequest request;
  private AwsEndpointValidationActivities validation;

  @BeforeAll
  static void startEndpoint() {
    endpoint = SageMakerRuntimeStub.start();
    runtime = endpoint.client();
  }

  @AfterAll
  static void stopEndpoint() {
    runtime.close();
    endpoint.close();
  }

  @BeforeEach
  void heldOutSplitAndItsEvaluationInS3() throws Exception {
    aws.moto().reset();
    s3.createBucket(b -> b.bucket(BUCKET));
    store = new S3ArtifactStore(s3, BUCKET, "");
    List<String> lines = Files.readAllLines(Samples.path(Samples.CREDIT_G)).subList(0, HELD_OUT_ROWS + 1);
    String split = store.put(TEST_SPLIT, "test-split",
        (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), "text/csv").location();
    Table test = Table.parse(store.get(split));
    double[] probabilities = IntStream.range(0, test.rowCount())
        .mapToDouble(row -> SERVED.applyAsDouble(features(test, row))).toArray();
    List<String> predicted = IntStream.range(0, test.rowCount())
        .mapToObj(row -> probabilities[row] >= 0.5 ? "good" : "bad").toList();
    EvidenceRef quality = store.putEvidence("uc-17", "uc-17-v1", EvidenceRef.MODEL_QUALITY, EvidenceJson.write(
        BinaryClassification.evaluate("class", "good", test.column("class"), predicted, probabilities)));
    request = new EndpointValidationRequest("uc-17", "uc-17-v1",
        new EndpointRef("gf-uc-17-test", Environment.TEST,
            "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/gf-uc-17-test/invocations", "uc-17-v1",
            "s3://govflow-artifacts/data-capture/gf-uc-17-test"),
        new CandidateModel("arn:aws:sagemaker:us-east-1:123456789012:model-package/gf-uc-17/1", "gf-uc-17",
            "s3://govflow-artifacts/model.tar.gz", split, ModelVersionStatus.Approved),
        quality);
    validation = new AwsEndpointValidationActivities(runtime, store);
  }

  @AfterEach
  void everyInvocationFitsTheRuntimeModel() {
    assertThat(endpoint.violations()).isEmpty();
  }

  @Test
  void endpointServingTheEvaluatedModelPassesEveryCheck() throws Exception {
    endpoint.serve(body -> Optional.of(SERVED.applyAsDouble(body.split(",")) + "\n"));

    EndpointValidation result = validation.validate(request);

    assertThat(result.checks()).filteredOn(check -> !check.passed()).isEmpty();
    assertThat(result.passed()).isTrue();
    assertThat(result.checks()).extracting(Finding::rule).contains("contract.csv-input", "contract.response-schema",
        "latency.p99", "predictions.model-quality.auc", "predictions.model-quality.accuracy");
    assertThat(result.latencyP99Millis()).isPositive().isGreaterThanOrEqualTo(result.latencyP50Millis());
    assertThat(endpoint.invocations()).hasSize(HELD_OUT_ROWS).allSatisfy(invocation -> {
      assertThat(invocation.endpointName()).isEqualTo("gf-uc-17-test");
      assertThat(invocation.contentType()).isEqualTo("text/csv");
      assertThat(invocation.body().split(",")).hasSize(20);
    });
    assertThat(endpoint.invocations().get(0).body()).isEqualTo("<0,6,critical/other existing credit,radio/tv,1169,"
        + "no known savings,>=7,4,male single,none,4,real estate,67,none,own,2,skilled,1,yes,yes");

    assertThat(result.report().location())
        .isEqualTo("s3://govflow-artifacts/use-cases/uc-17/uc-17-v1/endpoint-validation.json");
    JsonNode report = json.readTree(store.get(result.report().location()));
    assertThat(report.path("passed").asBoolean()).isTrue();
    assertThat(report.path("held_out_rows").asInt()).isEqualTo(HELD_OUT_ROWS);
  }

  @Test
  void endpointServingAnotherModelFailsTheComparisonWithTheEvaluation() {
    endpoint.serve(body -> Optional.of(Double.toString(1 - SERVED.applyAsDouble(body.split(",")))));

    EndpointValidation result = validation.validate(request);

    assertThat(result.passed()).isFalse();
    assertThat(result.checks()).filteredOn(check -> check.rule().startsWith("contract.")).allMatch(Finding::passed);
    assertThat(result.checks()).filteredOn(check -> check.rule().equals("predictions.model-quality.auc"))
        .singleElement().satisfies(auc -> {
          assertThat(auc.passed()).isFalse();
          assertThat(auc.measured()).isGreaterThan(0.1);
        });
  }

  @Test
  void answersThatAreNotOneProbabilityBreakTheResponseSchema() {
    endpoint.serve(body -> {
      double good = SERVED.applyAsDouble(body.split(","));
      return Optional.of(good + "," + (1 - good));
    });

    EndpointValidation result = validation.validate(request);

    assertThat(result.passed()).isFalse();
    assertThat(result.checks()).filteredOn(check -> check.rule().equals("contract.response-schema"))
        .singleElement().satisfies(schema -> assertThat(schema.measured()).isZero());
    assertThat(result.checks()).noneMatch(check -> check.rule().startsWith("predictions."));
  }

  @Test
  void rowsTheModelsContainerRefusesAreUnanswered() {
    endpoint.serve(body -> body.startsWith("no checking")
        ? Optional.empty()
        : Optional.of(Double.toString(SERVED.applyAsDouble(body.split(",")))));

    EndpointValidation result = validation.validate(request);

    assertThat(result.passed()).isFalse();
    assertThat(result.checks()).filteredOn(check -> check.rule().equals("contract.csv-input"))
        .singleElement().satisfies(answered -> assertThat(answered.measured()).isStrictlyBetween(0.0, 1.0));
  }

  private static String[] features(Table test, int row) {
    return test.columns().stream().filter(column -> !column.equals("class"))
        .map(column -> test.value(row, column)).toArray(String[]::new);
  }
}
