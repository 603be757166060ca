package io.govflow.dataevaluation.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.DataProblem;
import io.govflow.common.Samples;
import io.govflow.common.aws.ClarifyOutputs;
import io.govflow.common.aws.ClarifySettings;
import io.govflow.common.aws.SageMakerJobs;
import io.govflow.dataevaluation.DataEvaluation;
import io.govflow.dataevaluation.DataEvaluationRequest;
import io.govflow.dataevaluation.local.LocalDataEvaluationActivities;
import io.govflow.evaluation.clarify.AnalysisConfig;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.policy.EvidenceMeasurements;
import io.govflow.policy.Measurement;
import io.govflow.project.TestUseCases;
import io.govflow.testing.Emulator;
import io.govflow.testing.SentRequests;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInput;

/**
 * Step 4 on moto. The emulator completes a processing job the moment it is created and writes no output, so each
 * test that reads an analysis puts the analysis.json a real Clarify job writes ({@link ClarifyOutputs}, smclarify's
 * own numbers) where the job's output goes, before the activity runs.
 */
class AwsDataEvaluationActivitiesIT {

  private static final String BUCKET = "govflow-artifacts";
  private static final String DATASET = "s3://govflow-data/credit-g.csv";
  private static final String ROLE = "arn:aws:iam::123456789012:role/govflow-clarify";
  private static final String JOB_PREFIX = "use-cases/uc-17/uc-17-v1/data-evaluation/gf-uc-17-v1-data-bias/";
  private static final SentRequests SENT = new SentRequests();

  @RegisterExtension
  static final Emulator aws = new Emulator().intercepting(SENT);

  private final S3Client s3 = aws.s3();
  private final SageMakerClient sageMaker = aws.sageMaker();
  private final ObjectMapper json = new ObjectMapper();
  private S3ArtifactStore store;
  private AwsDataEvaluationActivities activities;
  private DataEvaluationRequest request;

  @BeforeEach
  void creditDataInS3() {
    aws.moto().reset();
    SENT.clear();
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.createBucket(b -> b.bucket("govflow-data"));
    s3.putObject(b -> b.bucket("govflow-data").key("credit-g.csv"),
        RequestBody.fromFile(Samples.path(Samples.CREDIT_G)));
    store = new S3ArtifactStore(s3, BUCKET, "");
    activities = new AwsDataEvaluationActivities(sageMaker, store,
        ClarifySettings.of(ClarifySettings.CLARIFY_US_EAST_1, ROLE).withPollInterval(Duration.ZERO));
    request = new DataEvaluationRequest("uc-17", "uc-17-v1", new Dataset(DATASET, "class", "good"),
        TestUseCases.creditRisk().protectedFacets());
  }

  @Test
  void clarifyJobRunsOnceOnItsOwnInputsAndARetryAdoptsIt() throws Exception {
    clarifyWillWrite(ClarifyOutputs.creditAnalysis(ClarifyOutputs.PRE_TRAINING));

    DataEvaluation first = activities.evaluateData(request);
    DataEvaluation retried = activities.evaluateData(request);

    assertThat(retried).isEqualTo(first);
    assertThat(first.rowCount()).isEqualTo(1000);
    assertThat(sageMaker.listProcessingJobs(b -> b.nameContains("gf-uc-17")).processingJobSummaries())
        .singleElement().satisfies(job -> assertThat(job.processingJobName()).isEqualTo("gf-uc-17-v1-data-bias"));
    assertThat(SENT.of(CreateProcessingJobRequest.class)).hasSize(1);

    DescribeProcessingJobResponse job =
        sageMaker.describeProcessingJob(b -> b.processingJobName("gf-uc-17-v1-data-bias"));
    String prefix = "s3://" + BUCKET + "/" + JOB_PREFIX;
    assertThat(job.appSpecification().imageUri()).isEqualTo(ClarifySettings.CLARIFY_US_EAST_1);
    assertThat(job.roleArn()).isEqualTo(ROLE);
    assertThat(job.processingInputs()).extracting(ProcessingInput::inputName, i -> i.s3Input().s3Uri())
        .containsExactly(tuple("analysis_config", prefix + "analysis_config.json"),
            tuple("dataset", prefix + "dataset.csv"));
    assertThat(job.processingOutputConfig().outputs()).singleElement()
        .satisfies(output -> assertThat(output.s3Output().s3Uri()).isEqualTo(prefix + "output"));

    Table credit = Table.parse(Files.readString(Samples.path(Samples.CREDIT_G)));
    String config = new String(store.get(prefix + "analysis_config.json"), StandardCharsets.UTF_8);
    assertThat(json.readTree(config).path("headers")).hasSize(credit.columns().size());
    assertThat(AnalysisConfig.parse(config).resolve(credit, null).facets())
        .as("Clarify reads the facets as the use case means them").isEqualTo(request.protectedFacets());
    List<String> rows = List.of(new String(store.get(prefix + "dataset.csv"), StandardCharsets.UTF_8).split("\n"));
    assertThat(rows).as("the data set goes without its header row").hasSize(1000);
    assertThat(rows.get(0)).startsWith("<0,6,critical/other existing credit,radio/tv,1169,");
  }

  @Test
  void preTrainingBiasIsClarifysAnalysisAndStatisticsAreWhatTheLocalProviderWrites(@TempDir Path local)
      throws Exception {
    clarifyWillWrite(ClarifyOutputs.creditAnalysis(ClarifyOutputs.PRE_TRAINING));

    DataEvaluation evaluation = activities.evaluateData(request);

    EvidenceRef bias = evidence(evaluation, EvidenceRef.PRE_TRAINING_BIAS);
    assertThat(bias.location()).isEqualTo("s3://govflow-artifacts/use-cases/uc-17/uc-17-v1/pre-training-bias.json");
    List<Measurement> measured = EvidenceMeasurements.of(bias.name(), json.readTree(store.get(bias.location())));
    assertThat(measured).contains(
        new Measurement(bias.name(), "age=(25, 75]", "CI",
            ClarifyOutputs.goldenValue("credit-g-age-25.json", ClarifyOutputs.PRE_TRAINING, "CI")),
        new Measurement(bias.name(), "personal_status=female div/dep/mar", "DPL",
            ClarifyOutputs.goldenValue("credit-g-personal-status-female.json", ClarifyOutputs.PRE_TRAINING, "DPL")));

    DataEvaluation onLocal = new LocalDataEvaluationActivities(new LocalArtifactStore(local), Samples.folder())
        .evaluateData(new DataEvaluationRequest("uc-17", "uc-17-v1",
            new Dataset(Samples.CREDIT_G, "class", "good"), request.protectedFacets()));
    assertThat(evidence(evaluation, EvidenceRef.DATA_STATISTICS).sha256())
        .isEqualTo(evidence(onLocal, EvidenceRef.DATA_STATISTICS).sha256());
  }

  @Test
  void completedJobWithoutAnalysisFailsTheStepForGood() {
    assertThatThrownBy(() -> activities.evaluateData(request))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(SageMakerJobs.OUTPUT_UNREADABLE);
          assertThat(failure.getOriginalMessage())
              .contains("s3://" + BUCKET + "/" + JOB_PREFIX + "output/analysis.json");
        });
  }

  @Test
  void datasetChangedUnderTheJobIsAConflictNotAnAdoption() {
    clarifyWillWrite(ClarifyOutputs.creditAnalysis(ClarifyOutputs.PRE_TRAINING));
    activities.evaluateData(request);
    String credit = new String(store.get(DATASET), StandardCharsets.UTF_8);
    s3.putObject(b -> b.bucket("govflow-data").key("credit-g.csv"),
        RequestBody.fromString(credit.substring(0, credit.lastIndexOf('\n', credit.length() - 2) + 1)));

    assertThatThrownBy(() -> activities.evaluateData(request))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(SageMakerJobs.JOB_CONFLICT);
        });
    assertThat(SENT.of(CreateProcessingJobRequest.class)).hasSize(1);
  }

  @Test
  void useCaseWithoutProtectedFacetsRunsNoJob() throws Exception {
    DataEvaluation evaluation = activities.evaluateData(
        new DataEvaluationRequest("uc-17", "uc-17-v1", request.dataset(), List.of()));

    assertThat(sageMaker.listProcessingJobs(b -> b.maxResults(10)).processingJobSummaries()).isEmpty();
    JsonNode bias = json.readTree(store.get(evidence(evaluation, EvidenceRef.PRE_TRAINING_BIAS).location()));
    assertThat(bias.at("/pre_training_bias_metrics/facets").isEmpty()).isTrue();
  }

  @Test
  void badDataFailsBeforeAnyJobIsSpent() {
    DataEvaluationRequest missingFacet = new DataEvaluationRequest("uc-17", "uc-17-v1", request.dataset(),
        List.of(new ProtectedFacet("gender", List.of("f"), null)));

    assertThatThrownBy(() -> activities.evaluateData(missingFacet))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(DataProblem.COLUMN_NOT_FOUND.name());
        });
    assertThat(SENT.of(CreateProcessingJobRequest.class)).isEmpty();
  }

  private void clarifyWillWrite(byte[] analysis) {
    store.put(JOB_PREFIX + "output/analysis.json", "analysis", analysis, "application/json");
  }

  private static EvidenceRef evidence(DataEvaluation evaluation, String name) {
    return evaluation.evidence().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }
}
