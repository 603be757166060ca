package io.govflow.evaluation.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Samples;
import io.govflow.common.aws.ClarifyOutputs;
import io.govflow.common.aws.ClarifySettings;
import io.govflow.common.aws.SageMakerJobs;
import io.govflow.evaluation.ModelEvaluation;
import io.govflow.evaluation.ModelEvaluationRequest;
import io.govflow.evaluation.clarify.AnalysisConfig;
import io.govflow.evaluation.metrics.FeatureImportance;
import io.govflow.evaluation.metrics.PermutationImportance;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.policy.EvidenceMeasurements;
import io.govflow.policy.Measurement;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import io.govflow.project.TestUseCases;
import io.govflow.project.aws.AwsProjectActivities;
import io.govflow.project.aws.DataZoneSettings;
import io.govflow.testing.Emulator;
import io.govflow.testing.FakeDataZone;
import io.govflow.testing.SentRequests;
import io.govflow.training.CandidateModel;
import io.govflow.training.RegistrationRequest;
import io.govflow.training.TrainingJobNames;
import io.govflow.training.TrainingRequest;
import io.govflow.training.TrainingResult;
import io.govflow.training.aws.AwsSettings;
import io.govflow.training.aws.AwsTrainingActivities;
import io.govflow.training.aws.InferencePipeline;
import io.govflow.usecase.Dataset;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.AdditionalAnswers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TransformJobStatus;

/**
 * Step 6 on moto, after steps 3 and 5 on it. The emulator completes batch transform and processing jobs at once and
 * writes neither the transform's predictions nor Clarify's analysis.json. So the SageMaker client plays the transform
 * when it is created ({@link #TRANSFORMS}): it reads the job's input from S3 and writes one favourable probability per
 * line where the job writes it, as the encoder and built-in XGBoost would answer, from a fixed rule on
 * {@code checking_status}; and each test that reads Clarify's output puts smclarify's post-training numbers
 * ({@link ClarifyOutputs}) where the job writes them before the activity runs.
 */
class AwsModelEvaluationActivitiesIT {

  private static final String BUCKET = "govflow-artifacts";
  private static final String DATASET = "s3://govflow-data/credit-g.csv";
  private static final String ROLE = "arn:aws:iam::123456789012:role/govflow-sagemaker";
  private static final String EVALUATION = "use-cases/uc-17/uc-17-v1/model-evaluation/";
  private static final String PREDICTIONS = EVALUATION + "gf-uc-17-v1-transform/output/features.csv.out";
  private static final String ANALYSIS = EVALUATION + "gf-uc-17-v1-model-bias/output/analysis.json";
  private static final SentRequests SENT = new SentRequests();
  /** Plays each batch transform created while {@link #answerTransforms} is on. */
  private static final ExecutionInterceptor TRANSFORMS = new ExecutionInterceptor() {
    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (answerTransforms && context.request() instanceof CreateTransformJobRequest create) {
        String input = create.transformInput().dataSource().s3DataSource().s3Uri();
        String rows = aws.s3().getObjectAsBytes(b -> b.bucket(bucketOf(input)).key(keyOf(input)))
            .asString(StandardCharsets.UTF_8);
        String output = create.transformOutput().s3OutputPath() + input.substring(input.lastIndexOf('/')) + ".out";
        aws.s3().putObject(b -> b.bucket(bucketOf(output)).key(keyOf(output)),
            RequestBody.fromString(probabilities(Table.parse(FEATURES_HEADER + "\n" + rows))));
      }
    }
  };
  private static final String FEATURES_HEADER;

  static {
    String header;
    try {
      header = Files.readAllLines(Samples.path(Samples.CREDIT_G)).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FEATURES_HEADER = header.substring(0, header.lastIndexOf(",class"));
  }

  private static volatile boolean answerTransforms;

  @RegisterExtension
  static final Emulator aws = new Emulator().withDataZone().intercepting(SENT, TRANSFORMS);

  private final S3Client s3 = aws.s3();
  private final SageMakerClient sageMaker = aws.sageMaker();
  private final ObjectMapper json = new ObjectMapper();
  private S3ArtifactStore store;
  private AwsModelEvaluationActivities activities;
  private CandidateModel candidate;
  private ModelEvaluationRequest request;

  @BeforeEach
  void registeredCandidate() {
    aws.moto().reset();
    aws.dataZone().reset();
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.createBucket(b -> b.bucket("govflow-data"));
    s3.putObject(b -> b.bucket("govflow-data").key("credit-g.csv"),
        RequestBody.fromFile(Samples.path(Samples.CREDIT_G)));
    store = new S3ArtifactStore(s3, BUCKET, "");
    ProjectRef project = new AwsProjectActivities(sageMaker, aws.dataZoneClient(), store,
        DataZoneSettings.domain(FakeDataZone.DOMAIN_ID))
        .setUpProject(new ProjectRequest("uc-17", "uc-17-v1", TestUseCases.creditRisk()));
    AwsTrainingActivities training = new AwsTrainingActivities(sageMaker, store,
        AwsSettings.xgboost(AwsSettings.XGBOOST_US_EAST_1, ROLE, "s3://" + BUCKET + "/training-output")
            .withPollInterval(Duration.ZERO));
    Dataset dataset = new Dataset(DATASET, "class", "good");
    TrainingRequest trainingRequest = new TrainingRequest("uc-17", "uc-17-v1", TrainingJobNames.of("uc-17-v1"),
        dataset, 42L, project.modelPackageGroup());
    TrainingResult trained = training.awaitTraining(trainingRequest, training.startTraining(trainingRequest));
    candidate = training.registerCandidate(
        new RegistrationRequest("uc-17", "uc-17-v1", project.modelPackageGroup(), trained, project.modelCard()));
    activities = new AwsModelEvaluationActivities(sageMaker, store,
        ClarifySettings.of(ClarifySettings.CLARIFY_US_EAST_1, ROLE).withPollInterval(Duration.ZERO),
        TransformSettings.of(ROLE).withPollInterval(Duration.ZERO));
    request = new ModelEvaluationRequest("uc-17", "uc-17-v1", candidate, dataset,
        TestUseCases.creditRisk().protectedFacets());
    SENT.clear();
    answerTransforms = true;
  }

  @Test
  void modelTransformAndClarifyJobAreMadeOnceAndARetryAdoptsThem() throws Exception {
    clarifyWillWrite();

    ModelEvaluation first = activities.evaluateModel(request);
    ModelEvaluation retried = activities.evaluateModel(request);

    assertThat(retried).isEqualTo(first);
    assertThat(sent(CreateModelRequest.class)).hasSize(1);
    assertThat(sent(CreateTransformJobRequest.class)).hasSize(1);
    assertThat(sent(CreateProcessingJobRequest.class)).hasSize(1);

    DescribeModelResponse model = sageMaker.describeModel(b -> b.modelName("gf-uc-17-v1-eval-model"));
    assertThat(model.containers()).as("the package's inference pipeline: encoder, then the trained model")
        .extracting(ContainerDefinition::image)
        .containsExactly(AwsSettings.SKLEARN_US_EAST_1, AwsSettings.XGBOOST_US_EAST_1);
    assertThat(model.containers().get(0).environment()).containsEntry("SAGEMAKER_PROGRAM", InferencePipeline.SCRIPT);
    assertThat(model.containers().get(1).modelDataUrl()).isEqualTo(candidate.modelLocation());
    assertThat(model.executionRoleArn()).isEqualTo(ROLE);

    DescribeTransformJobResponse transform =
        sageMaker.describeTransformJob(b -> b.transformJobName("gf-uc-17-v1-transform"));
    String prefix = "s3://" + BUCKET + "/" + EVALUATION + "gf-uc-17-v1-transform/";
    assertThat(transform.modelName()).isEqualTo("gf-uc-17-v1-eval-model");
    assertThat(transform.transformInput().dataSource().s3DataSource().s3Uri()).isEqualTo(prefix + "input/features.csv");
    assertThat(transform.transformInput().contentType()).isEqualTo("text/csv");
    assertThat(transform.transformInput().splitTypeAsString()).isEqualTo("Line");
    assertThat(transform.transformOutput().s3OutputPath()).isEqualTo(prefix + "output");

    List<String> input = new String(store.get(prefix + "input/features.csv"), StandardCharsets.UTF_8).lines().toList();
    List<String> testRows = new String(testSplit().without("class").toHeaderlessCsv(), StandardCharsets.UTF_8)
        .lines().toList();
    assertThat(input.subList(0, testRows.size())).as("the test rows as callers send them: headerless, the label "
        + "left out, the encoder in the pipeline encodes them").isEqualTo(testRows);
    assertThat(input).as("then the shuffled copies permutation importance asks about, each once")
        .hasSizeGreaterThan(testRows.size() * 10).doesNotHaveDuplicates();
  }

  @Test
  void qualityJudgesTheTransformsPredictionsAndClarifyGetsTheSamePredictions() throws Exception {
    Table test = testSplit();
    clarifyWillWrite();

    ModelEvaluation evaluation = activities.evaluateModel(request);

    JsonNode quality = json.readTree(store.get(evidence(evaluation, EvidenceRef.MODEL_QUALITY).location()));
    JsonNode matrix = quality.at("/binary_classification_metrics/confusion_matrix");
    assertThat(matrix.at("/good/good").asLong()).isEqualTo(count(test, "good", "good"));
    assertThat(matrix.at("/good/bad").asLong()).isEqualTo(count(test, "good", "bad"));
    assertThat(matrix.at("/bad/good").asLong()).isEqualTo(count(test, "bad", "good"));
    assertThat(matrix.at("/bad/bad").asLong()).isEqualTo(count(test, "bad", "bad"));

    String clarifyPrefix = "s3://" + BUCKET + "/" + EVALUATION + "gf-uc-17-v1-model-bias/";
    String config = new String(store.get(clarifyPrefix + "analysis_config.json"), StandardCharsets.UTF_8);
    assertThat(json.readTree(config).path("predicted_label").asText()).isEqualTo("predicted_class");
    Table scored = AnalysisConfig.parse(config).dataset(
        new String(store.get(clarifyPrefix + "dataset.csv"), StandardCharsets.UTF_8));
    assertThat(scored.rowCount()).isEqualTo(300);
    for (int row = 0; row < test.rowCount(); row++) {
      assertThat(scored.value(row, "predicted_class")).isEqualTo(predicted(test.value(row, "checking_status")));
    }

    EvidenceRef bias = evidence(evaluation, EvidenceRef.POST_TRAINING_BIAS);
    assertThat(EvidenceMeasurements.of(bias.name(), json.readTree(store.get(bias.location())))).contains(
        new Measurement(bias.name(), "age=(25, 75]", "DI",
            ClarifyOutputs.goldenValue("credit-g-age-25.json", ClarifyOutputs.POST_TRAINING, "DI")));
  }

  @Test
  void importanceFallsOnTheOneFeatureTheModelReadsMeasuredFromTheTransformsAnswers() throws Exception {
    clarifyWillWrite();

    ModelEvaluation evaluation = activities.evaluateModel(request);

    JsonNode permutation = json.readTree(store.get(evidence(evaluation, FeatureImportance.EVIDENCE_NAME).location()))
        .at("/explanations/permutation_importance");
    assertThat(permutation.path("seed").asLong()).isEqualTo(PermutationImportance.DEFAULT_SEED);
    JsonNode importances = permutation.path("features");
    assertThat(importances.get(0).path("name").asText()).isEqualTo("checking_status");
    assertThat(importances.get(0).path("mean").asDouble()).isGreaterThan(0.05);
    for (int i = 1; i < importances.size(); i++) {
      assertThat(importances.get(i).path("mean").asDouble()).as(importances.get(i).path("name").asText())
          .isZero();
    }
    assertThat(importances).hasSize(20);
  }

  @Test
  void predictionsThatDoNotMatchTheTestSplitFailTheStepForGood() {
    answerTransforms = false;
    store.put(PREDICTIONS, "predictions", "0.9\n0.1\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    clarifyWillWrite();

    assertThatThrownBy(() -> activities.evaluateModel(request))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(SageMakerJobs.OUTPUT_UNREADABLE);
          assertThat(failure.getOriginalMessage()).contains("2 predictions for ").contains("rows sent");
        });
  }

  /** Moto completes every transform at once; a failed one comes from a client that describes it so. */
  @Test
  @SuppressWarnings("unchecked")
  void failedTransformFailsTheStepForGoodWithItsReason() {
    SageMakerClient failing = mock(SageMakerClient.class, AdditionalAnswers.delegatesTo(sageMaker));
    doAnswer(call -> sageMaker.describeTransformJob((Consumer<DescribeTransformJobRequest.Builder>) call.getArgument(0))
        .toBuilder().transformJobStatus(TransformJobStatus.FAILED).failureReason("ClientError: unable to parse CSV")
        .build())
        .when(failing).describeTransformJob(any(Consumer.class));
    AwsModelEvaluationActivities onFailingTransform = new AwsModelEvaluationActivities(failing, store,
        ClarifySettings.of(ClarifySettings.CLARIFY_US_EAST_1, ROLE).withPollInterval(Duration.ZERO),
        TransformSettings.of(ROLE).withPollInterval(Duration.ZERO));

    assertThatThrownBy(() -> onFailingTransform.evaluateModel(request))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(SageMakerJobs.JOB_FAILED);
          assertThat(failure.getOriginalMessage()).contains("gf-uc-17-v1-transform")
              .contains("ClientError: unable to parse CSV");
        });
  }

  private static String bucketOf(String s3Uri) {
    return s3Uri.substring("s3://".length(), s3Uri.indexOf('/', "s3://".length()));
  }

  private static String keyOf(String s3Uri) {
    return s3Uri.substring(s3Uri.indexOf('/', "s3://".length()) + 1);
  }

  private Table testSplit() {
    return Table.parse(store.get(candidate.testDataLocation()));
  }

  /** What the model would answer, one probability per row: a rule on one feature, right often, not always. */
  private static String probabilities(Table test) {
    return test.column("checking_status").stream()
        .map(status -> String.format(Locale.ROOT, "%.2f", predicted(status).equals("good") ? 0.8 : 0.3))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static String predicted(String checkingStatus) {
    return checkingStatus.equals("<0") ? "bad" : "good";
  }

  private static long count(Table test, String observed, String predicted) {
    long count = 0;
    for (int row = 0; row < test.rowCount(); row++) {
      if (test.value(row, "class").equals(observed)
          && predicted(test.value(row, "checking_status")).equals(predicted)) {
        count++;
      }
    }
    return count;
  }

  private void clarifyWillWrite() {
    store.put(ANALYSIS, "analysis", ClarifyOutputs.creditAnalysis(ClarifyOutputs.POST_TRAINING), "application/json");
  }

  private static <T> List<T> sent(Class<T> type) {
    return SENT.of(type);
  }

  private static EvidenceRef evidence(ModelEvaluation evaluation, String name) {
    return evaluation.evidence().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }
}
