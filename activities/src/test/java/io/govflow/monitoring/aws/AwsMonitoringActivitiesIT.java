package io.govflow.monitoring.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Digests;
import io.govflow.common.Samples;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.evaluation.metrics.BinaryClassification;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.ModelMonitorBaseline;
import io.govflow.evaluation.metrics.MonitorStatistics;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.monitoring.BaselineRequest;
import io.govflow.monitoring.Monitor;
import io.govflow.monitoring.MonitoringBaseline;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.monitoring.MonitoringRunRequest;
import io.govflow.monitoring.MonitoringViolation;
import io.govflow.testing.Emulator;
import io.govflow.testing.MonitoringExecutions;
import io.govflow.testing.SageMakerGaps;
import io.govflow.training.CandidateModel;
import io.govflow.usecase.Dataset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeDataQualityJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelQualityJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MonitoringProblemType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3UploadMode;

/**
 * Steps 12 and 13 on moto. The emulator completes the baselining job the moment it is created and writes nothing, so
 * each test first puts what the analyzer writes (govflow's own Model Monitor baseline of the same rows) where the
 * job's output goes. Monitoring schedules and their executions, which moto lacks, are played by
 * {@link SageMakerGaps}; the executions' processing jobs are created in moto with Model Monitor's documents from
 * {@code src/test/resources/aws/model-monitor/} at their outputs ({@link MonitoringExecutions}).
 */
class AwsMonitoringActivitiesIT {

  private static final String BUCKET = "govflow-artifacts";
  private static final String ROLE = "arn:aws:iam::123456789012:role/govflow-monitoring";
  private static final Dataset CREDIT = new Dataset("s3://govflow-data/credit-g.csv", "class", "good");
  private static final Instant WINDOW_START = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant WINDOW_END = Instant.parse("2026-11-23T11:00:00Z");

  @RegisterExtension
  static final Emulator aws = new Emulator().withGaps();

  private final S3Client s3 = aws.s3();
  private final SageMakerClient emulator = aws.motoSageMaker();
  private final SageMakerGaps gaps = aws.gaps();
  private final SageMakerClient sageMaker = aws.sageMaker();
  private final MonitoringExecutions executions = new MonitoringExecutions(emulator, s3, gaps);
  private final ObjectMapper json = new ObjectMapper();
  private S3ArtifactStore store;
  private AwsMonitoringActivities monitoring;

  @BeforeEach
  void creditDataInS3() {
    aws.moto().reset();
    gaps.reset();
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.createBucket(b -> b.bucket("govflow-data"));
    s3.putObject(b -> b.bucket("govflow-data").key("credit-g.csv"),
        RequestBody.fromFile(Samples.path(Samples.CREDIT_G)));
    store = new S3ArtifactStore(s3, BUCKET, "");
    monitoring = new AwsMonitoringActivities(sageMaker, store,
        MonitoringSettings.defaults(MonitoringSettings.ANALYZER_US_EAST_1, ROLE).withPollInterval(Duration.ZERO));
  }

  @AfterEach
  void everyRequestFitsSageMakersModel() {
    assertThat(gaps.violations()).isEmpty();
  }

  @Test
  void baselineKeepsTheAnalyzersDocumentsAndSchedulesBothMonitorsOnTheProductionEndpoint() throws Exception {
    byte[] analyzerStatistics = analyzerWroteBaseline("uc-17-v1");

    MonitoringBaseline baseline = monitoring.createBaseline(baselineRequest("uc-17-v1"));

    assertThat(baseline.statistics().location())
        .isEqualTo("s3://govflow-artifacts/use-cases/uc-17/uc-17-v1/monitoring-baseline-statistics.json");
    assertThat(store.get(baseline.statistics().location())).isEqualTo(analyzerStatistics);
    assertThat(baseline.statistics().sha256()).isEqualTo(Digests.sha256(analyzerStatistics));
    assertThat(baseline.constraints().name()).isEqualTo(MonitoringBaseline.CONSTRAINTS);
    JsonNode qualityConstraints = json.readTree(store.get(baseline.modelQualityConstraints().location()));
    assertThat(qualityConstraints.path("binary_classification_constraints").path("auc")
        .path("comparison_operator").asText()).isEqualTo("LessThanThreshold");
    assertThat(baseline.postTrainingBias().name()).isEqualTo(EvidenceRef.POST_TRAINING_BIAS);

    DescribeProcessingJobResponse job =
        emulator.describeProcessingJob(b -> b.processingJobName("gf-uc-17-v1-baseline"));
    assertThat(job.appSpecification().imageUri()).isEqualTo(MonitoringSettings.ANALYZER_US_EAST_1);
    assertThat(job.roleArn()).isEqualTo(ROLE);
    String input = job.processingInputs().get(0).s3Input().s3Uri();
    Table staged = Table.parse(store.get(input));
    assertThat(staged.rowCount()).isEqualTo(1000);
    assertThat(staged.hasColumn("class")).isFalse();
    assertThat(staged.columns()).hasSize(20);
    JsonNode environment = gaps.requests("CreateProcessingJob").get(0).path("Environment");
    assertThat(json.readTree(environment.path("dataset_format").asText()).path("csv").path("header").asBoolean())
        .isTrue();
    assertThat(environment.path("dataset_source").asText())
        .isEqualTo("/opt/ml/processing/input/baseline_dataset_input");
    assertThat(environment.path("output_path").asText()).isEqualTo("/opt/ml/processing/output");
    assertThat(environment.path("publish_cloudwatch_metrics").asText()).isEqualTo("Disabled");

    DescribeDataQualityJobDefinitionResponse dataQuality =
        emulator.describeDataQualityJobDefinition(b -> b.jobDefinitionName("gf-uc-17-v1-data-quality"));
    assertThat(dataQuality.dataQualityJobInput().endpointInput().endpointName()).isEqualTo("gf-uc-17-prod");
    assertThat(dataQuality.dataQualityBaselineConfig().constraintsResource().s3Uri())
        .isEqualTo(baseline.constraints().location());
    assertThat(dataQuality.dataQualityBaselineConfig().statisticsResource().s3Uri())
        .isEqualTo(baseline.statistics().location());
    assertThat(dataQuality.dataQualityJobOutputConfig().monitoringOutputs().get(0).s3Output().s3UploadMode())
        .isEqualTo(ProcessingS3UploadMode.END_OF_JOB);

    DescribeModelQualityJobDefinitionResponse modelQuality =
        emulator.describeModelQualityJobDefinition(b -> b.jobDefinitionName("gf-uc-17-v1-model-quality"));
    assertThat(modelQuality.modelQualityAppSpecification().problemType())
        .isEqualTo(MonitoringProblemType.BINARY_CLASSIFICATION);
    assertThat(modelQuality.modelQualityJobInput().groundTruthS3Input().s3Uri())
        .isEqualTo("s3://govflow-artifacts/ground-truth/uc-17");
    assertThat(modelQuality.modelQualityJobInput().endpointInput().probabilityAttribute()).isEqualTo("0");
    assertThat(modelQuality.modelQualityBaselineConfig().constraintsResource().s3Uri())
        .isEqualTo(baseline.modelQualityConstraints().location());

    JsonNode dataSchedule = gaps.schedule("gf-uc-17-prod-data-quality").orElseThrow();
    assertThat(dataSchedule.path("EndpointName").asText()).isEqualTo("gf-uc-17-prod");
    assertThat(dataSchedule.path("MonitoringScheduleConfig").path("ScheduleConfig").path("ScheduleExpression")
        .asText()).isEqualTo("cron(0 * ? * * *)");
    assertThat(dataSchedule.path("MonitoringScheduleConfig").path("MonitoringJobDefinitionName").asText())
        .isEqualTo("gf-uc-17-v1-data-quality");
    JsonNode modelSchedule = gaps.schedule("gf-uc-17-prod-model-quality").orElseThrow();
    assertThat(modelSchedule.path("MonitoringType").asText()).isEqualTo("ModelQuality");
    assertThat(modelSchedule.path("MonitoringScheduleConfig").path("MonitoringJobDefinitionName").asText())
        .isEqualTo("gf-uc-17-v1-model-quality");
  }

  @Test
  void retriedBaselineAdoptsTheJobDefinitionsAndSchedulesItMade() {
    analyzerWroteBaseline("uc-17-v1");
    MonitoringBaseline first = monitoring.createBaseline(baselineRequest("uc-17-v1"));
    gaps.forgetRequests();

    MonitoringBaseline retried = monitoring.createBaseline(baselineRequest("uc-17-v1"));

    assertThat(retried).isEqualTo(first);
    assertThat(gaps.sent()).noneMatch(operation -> operation.startsWith("Create") || operation.startsWith("Update"));
    assertThat(emulator.listProcessingJobs(b -> { }).processingJobSummaries()).hasSize(1);
    assertThat(emulator.listDataQualityJobDefinitions(b -> { }).jobDefinitionSummaries()).hasSize(1);
    assertThat(emulator.listModelQualityJobDefinitions(b -> { }).jobDefinitionSummaries()).hasSize(1);
    assertThat(gaps.scheduleCount()).isEqualTo(2);
  }

  @Test
  void nextVersionsBaselinePointsTheEndpointsSchedulesAtItsJobDefinitions() {
    analyzerWroteBaseline("uc-17-v1");
    monitoring.createBaseline(baselineRequest("uc-17-v1"));
    analyzerWroteBaseline("uc-17-v2");

    monitoring.createBaseline(baselineRequest("uc-17-v2"));

    assertThat(gaps.scheduleCount()).isEqualTo(2);
    assertThat(gaps.schedule("gf-uc-17-prod-data-quality").orElseThrow().path("MonitoringScheduleConfig")
        .path("MonitoringJobDefinitionName").asText()).isEqualTo("gf-uc-17-v2-data-quality");
    assertThat(gaps.schedule("gf-uc-17-prod-model-quality").orElseThrow().path("MonitoringScheduleConfig")
        .path("MonitoringJobDefinitionName").asText()).isEqualTo("gf-uc-17-v2-model-quality");
    assertThat(gaps.sent()).filteredOn("UpdateMonitoringSchedule"::equals).hasSize(2);
    assertThat(emulator.listDataQualityJobDefinitions(b -> { }).jobDefinitionSummaries()).hasSize(2);
  }

  @Test
  void runReadsTheViolationsAndCountsOfTheExecutionsScheduledInItsWindow() {
    analyzerWroteBaseline("uc-17-v1");
    MonitoringBaseline baseline = monitoring.createBaseline(baselineRequest("uc-17-v1"));
    String dataQuality = "gf-uc-17-prod-data-quality";
    String modelQuality = "gf-uc-17-prod-model-quality";
    String dataReport = execution(dataQuality, WINDOW_START, "data-quality", "Completed");
    failedExecution(dataQuality, WINDOW_START.plus(Duration.ofMinutes(30)), "Job inputs had no data");
    execution(dataQuality, WINDOW_END, "data-quality", "CompletedWithViolations");
    execution(dataQuality, WINDOW_START.minus(Duration.ofHours(1)), "data-quality", "CompletedWithViolations");
    String modelReport = execution(modelQuality, WINDOW_START, "model-quality", "InProgress", "InProgress",
        "CompletedWithViolations");
    failedExecution(modelQuality, WINDOW_START.plus(Duration.ofMinutes(30)),
        "ClientError: Access denied to the ground truth at s3://govflow-artifacts/ground-truth/uc-17");

    MonitoringRun run = monitoring.runMonitoring(runRequest(baseline));
    MonitoringRun retried = monitoring.runMonitoring(runRequest(baseline));

    assertThat(retried).isEqualTo(run);
    assertThat(run.capturedRecords()).isEqualTo(120);
    assertThat(run.labelledRecords()).isEqualTo(40);
    assertThat(run.violations()).containsExactly(
        new MonitoringViolation(Monitor.DATA_QUALITY, "baseline_drift_check", "age",
            "Baseline drift distance: 0.2134 exceeds threshold: 0.1",
            AwsMonitoringActivities.DATA_QUALITY_VIOLATIONS),
        new MonitoringViolation(Monitor.DATA_QUALITY, "data_type_check", "credit_amount",
            "Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. "
                + "Observed: Only 97.5% of data is Integral.",
            AwsMonitoringActivities.DATA_QUALITY_VIOLATIONS),
        new MonitoringViolation(Monitor.MODEL_QUALITY, "LessThanThreshold", "auc",
            "Metric auc with 0.6123 +/- 0.0211 was LessThanThreshold '0.7012'",
            AwsMonitoringActivities.MODEL_QUALITY_VIOLATIONS),
        new MonitoringViolation(Monitor.MODEL_QUALITY, AwsMonitoringActivities.EXECUTION_FAILED, modelQuality,
            "The model-quality monitoring execution scheduled at 2026-11-23T10:30:00Z failed: ClientError: Access "
                + "denied to the ground truth at s3://govflow-artifacts/ground-truth/uc-17", null));
    assertThat(run.reports()).extracting(EvidenceRef::name, EvidenceRef::location).containsExactly(
        tuple(AwsMonitoringActivities.DATA_QUALITY_STATISTICS,
            dataReport + "/statistics.json"),
        tuple(AwsMonitoringActivities.DATA_QUALITY_VIOLATIONS,
            dataReport + "/constraint_violations.json"),
        tuple(AwsMonitoringActivities.MODEL_QUALITY_STATISTICS,
            modelReport + "/statistics.json"),
        tuple(AwsMonitoringActivities.MODEL_QUALITY_VIOLATIONS,
            modelReport + "/constraint_violations.json"));
    assertThat(run.reports()).allSatisfy(report ->
        assertThat(report.sha256()).isEqualTo(Digests.sha256(store.get(report.location()))));
  }

  @Test
  void runWithoutExecutionsInItsWindowHasNothingToReport() {
    analyzerWroteBaseline("uc-17-v1");
    MonitoringBaseline baseline = monitoring.createBaseline(baselineRequest("uc-17-v1"));
    execution("gf-uc-17-prod-data-quality", WINDOW_END.plus(Duration.ofHours(1)), "data-quality", "Completed");

    MonitoringRun run = monitoring.runMonitoring(runRequest(baseline));

    assertThat(run.capturedRecords()).isZero();
    assertThat(run.labelledRecords()).isZero();
    assertThat(run.reports()).isEmpty();
    assertThat(run.violations()).isEmpty();
  }

  /** What the analyzer writes for the use case's rows, put where the baselining job of the version writes. */
  private byte[] analyzerWroteBaseline(String modelVersionId) {
    Table rows = Table.parse(store.get(CREDIT.location())).without(CREDIT.label());
    MonitorStatistics statistics = ModelMonitorBaseline.statistics(rows);
    String output = "monitoring/uc-17/" + modelVersionId + "/baseline/output/";
    byte[] document = EvidenceJson.write(statistics);
    store.put(output + "statistics.json", "statistics", document, "application/json");
    store.put(output + "constraints.json", "constraints",
        EvidenceJson.write(ModelMonitorBaseline.constraints(statistics)), "application/json");
    return document;
  }

  private BaselineRequest baselineRequest(String modelVersionId) {
    List<String> actual = IntStream.range(0, 200).mapToObj(i -> i % 3 == 0 ? "bad" : "good").toList();
    List<String> predicted = IntStream.range(0, 200).mapToObj(i -> i % 5 == 0 ? "bad" : "good").toList();
    double[] probabilities = IntStream.range(0, 200).mapToDouble(i -> i % 3 == 0 ? 0.3 + i / 1000.0 : 0.8).toArray();
    EvidenceRef quality = store.putEvidence("uc-17", modelVersionId, EvidenceRef.MODEL_QUALITY,
        EvidenceJson.write(BinaryClassification.evaluate("class", "good", actual, predicted, probabilities)));
    EvidenceRef bias = store.putEvidence("uc-17", modelVersionId, EvidenceRef.POST_TRAINING_BIAS,
        "{\"version\":\"1.0\"}".getBytes(StandardCharsets.UTF_8));
    CandidateModel candidate = new CandidateModel("arn:aws:sagemaker:us-east-1:123456789012:model-package/gf-uc-17/1",
        "gf-uc-17", "s3://govflow-artifacts/model.tar.gz", "s3://govflow-artifacts/test.csv",
        ModelVersionStatus.Approved);
    return new BaselineRequest("uc-17", modelVersionId, candidate, CREDIT, List.of(), List.of(quality, bias));
  }

  private static MonitoringRunRequest runRequest(MonitoringBaseline baseline) {
    EndpointRef endpoint = new EndpointRef("gf-uc-17-prod", Environment.PRODUCTION,
        "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/gf-uc-17-prod/invocations", "uc-17-v1",
        "s3://govflow-artifacts/data-capture/gf-uc-17-prod");
    return new MonitoringRunRequest("uc-17", "uc-17-v1", "uc-17-run-1", endpoint, baseline, CREDIT, List.of(),
        WINDOW_START, WINDOW_END);
  }

  /** An execution of the schedule with the fixture documents of {@code documents}; returns its job's output. */
  private String execution(String schedule, Instant scheduledTime, String documents, String... statuses) {
    String output = processingJobOutput(schedule, scheduledTime);
    executions.completed(schedule, scheduledTime, output, documents, statuses);
    return output;
  }

  private void failedExecution(String schedule, Instant scheduledTime, String reason) {
    executions.failed(schedule, scheduledTime, processingJobOutput(schedule, scheduledTime), reason);
  }

  private static String processingJobOutput(String schedule, Instant scheduledTime) {
    return "s3://govflow-artifacts/monitoring/uc-17/uc-17-v1/" + schedule + "/model-monitoring-"
        + scheduledTime.getEpochSecond();
  }
}
