package io.govflow.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.dataevaluation.aws.AwsDataEvaluationActivities;
import io.govflow.deployment.EndpointNames;
import io.govflow.deployment.Environment;
import io.govflow.deployment.aws.AwsDeploymentActivities;
import io.govflow.evaluation.aws.AwsModelEvaluationActivities;
import io.govflow.monitoring.Monitor;
import io.govflow.monitoring.MonitoringBaseline;
import io.govflow.monitoring.aws.AwsMonitoringActivities;
import io.govflow.monitoring.aws.MonitoringSettings;
import io.govflow.project.ModelCards;
import io.govflow.project.aws.AwsProjectActivities;
import io.govflow.testing.AwsFrontDoor;
import io.govflow.testing.FakeDataZone;
import io.govflow.testing.MonitoringExecutions;
import io.govflow.testing.MotoServer;
import io.govflow.testing.SageMakerGaps;
import io.govflow.testing.SageMakerJobPlayer;
import io.govflow.testing.SageMakerRuntimeStub;
import io.govflow.testing.TemporalDevServer;
import io.govflow.training.TrainingJobNames;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelCardStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageGroupSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * The German credit sample on the aws provider as a user runs it: a real Temporal dev server, the packaged worker
 * and API as processes configured for aws, with every AWS call going to the emulator: moto behind an
 * {@link AwsFrontDoor} (SageMaker's missing operations, its runtime and its containers played beside it, every
 * SageMaker request checked against botocore's model) and DataZone's stub. The use case goes through HTTP alone
 * from definition, its data set in S3, to sign-off, test deployment and a passed validation, production approval,
 * the production endpoint with its baseline and hourly schedules, monitoring runs (one reading a Model Monitor
 * execution that finds drift), ground truth in S3 and retirement; what the emulator holds along the way is what
 * SageMaker and DataZone would.
 */
class AwsUseCaseEndToEndIT {

  private static final Path REPO = Path.of(System.getProperty("govflow.repo.root", "..")).toAbsolutePath().normalize();
  private static final Duration LIFECYCLE_TIMEOUT = Duration.ofMinutes(3);
  private static final String BUCKET = "govflow-e2e";
  private static final String PREFIX = "govflow/";
  private static final String DATASET = "s3://" + BUCKET + "/datasets/credit-g.csv";
  private static final String EXECUTION_ROLE = "arn:aws:iam::123456789012:role/govflow-sagemaker";
  /** High-risk cases are monitored this often here, so that runs happen within the test. */
  private static final Duration MONITORING_INTERVAL = Duration.ofSeconds(10);
  private static final DateTimeFormatter HOUR_FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MotoServer moto;
  private static SageMakerClient sageMaker;
  private static S3Client s3;
  private static FakeDataZone dataZone;
  private static SageMakerGaps gaps;
  private static SageMakerRuntimeStub runtime;
  private static SageMakerJobPlayer player;
  private static AwsFrontDoor frontDoor;
  private static MonitoringExecutions executions;
  private static TemporalDevServer temporal;
  private static PackagedApp worker;
  private static PackagedApp api;
  private static EndToEndCalls calls;

  @BeforeAll
  static void startSystem() throws Exception {
    moto = MotoServer.start();
    sageMaker = moto.sageMaker();
    s3 = moto.s3();
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.putObject(b -> b.bucket(BUCKET).key("datasets/credit-g.csv"),
        RequestBody.fromFile(REPO.resolve("samples/credit-g.csv")));
    dataZone = FakeDataZone.start();
    gaps = SageMakerGaps.start(sageMaker);
    runtime = SageMakerRuntimeStub.start();
    player = new SageMakerJobPlayer(sageMaker, s3);
    frontDoor = AwsFrontDoor.start(moto.endpoint(), gaps, runtime, player);
    executions = new MonitoringExecutions(sageMaker, s3, gaps);
    temporal = TemporalDevServer.start();

    Path state = Files.createTempDirectory(REPO.resolve("api/target"), "e2e-aws-");
    Map<String, String> settings = new HashMap<>();
    settings.put("govflow.temporal.target", temporal.target());
    settings.put("quarkus.datasource.jdbc.url", "jdbc:h2:file:" + state.resolve("inventory")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE");
    settings.put("govflow.provider", "aws");
    settings.put("govflow.aws.region", "us-east-1");
    settings.put("govflow.aws.endpoint-override", frontDoor.endpoint().toString());
    settings.put("govflow.aws.path-style-access", "true");
    settings.put("govflow.aws.bucket", BUCKET);
    settings.put("govflow.aws.prefix", PREFIX);
    settings.put("govflow.aws.execution-role-arn", EXECUTION_ROLE);
    settings.put("govflow.aws.datazone.domain-id", FakeDataZone.DOMAIN_ID);
    settings.put("govflow.aws.datazone.endpoint-override", dataZone.endpoint().toString());
    // Played jobs are complete when created; the waits need not pause 30 s between describes.
    settings.put("govflow.aws.training.poll-interval", "PT0.2S");
    settings.put("govflow.aws.processing.poll-interval", "PT0.2S");
    settings.put("govflow.monitoring.interval.high", MONITORING_INTERVAL.toString());
    Map<String, String> credentials = Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");
    worker = PackagedApp.start("worker", REPO.resolve("worker/target/quarkus-app/quarkus-run.jar"), settings,
        credentials);
    // The API reads the evidence the worker wrote, from the same bucket.
    api = PackagedApp.start("api", REPO.resolve("api/target/quarkus-app/quarkus-run.jar"), settings, credentials);
    calls = new EndToEndCalls(api, worker, LIFECYCLE_TIMEOUT);
  }

  @AfterAll
  static void stopSystem() throws Exception {
    AutoCloseable[] all = {api, worker, temporal, frontDoor, runtime, gaps, dataZone, s3, sageMaker, moto};
    for (AutoCloseable process : all) {
      if (process != null) {
        process.close();
      }
    }
  }

  @Test
  void creditUseCaseOnAwsGoesFromDefinitionThroughProductionAndMonitoringToRetirement() throws Exception {
    ObjectNode definition = (ObjectNode) JSON.readTree(REPO.resolve("samples/credit-use-case.json")
        .toFile());
    ((ObjectNode) definition.get("dataset")).put("location", DATASET);
    String id = calls.as("po1").contentType(ContentType.JSON).body(definition.toString())
        .post("/api/v1/use-cases")
        .then().statusCode(201).body("stage", equalTo("AWAITING_USE_CASE_APPROVAL"))
        .extract().path("id");

    JsonPath waiting = calls.awaitStage(id, "AWAITING_USE_CASE_APPROVAL");
    calls.decide(id, "gov1", "USE_CASE_APPROVAL", "APPROVE", waiting.getString("openGates[0].evidenceDigest"),
        "fits the credit policy");

    // Steps 3-7 on DataZone and SageMaker.
    JsonPath signOff = calls.awaitStage(id, "AWAITING_SIGN_OFF");
    String version = signOff.getString("openGates[0].modelVersionId");
    assertThat(signOff.getList("modelVersions[0].evidence.name")).contains("model-card", "data-statistics",
        "pre-training-bias", "training-metrics", "model-quality", "post-training-bias", "policy-result");
    double auc = calls.as("audit1").get("/api/v1/model-versions/" + version + "/evidence/model-quality")
        .then().statusCode(200).extract().jsonPath().getDouble("binary_classification_metrics.auc.value");
    assertThat(auc).as("the played model's AUC on the held-out split").isBetween(0.65, 1.0);

    // Step 8, high risk: two distinct approvers; then steps 9 and 10 on the test endpoint.
    String digest = signOff.getString("openGates[0].evidenceDigest");
    calls.decide(id, "gov2", "GOVERNANCE_SIGN_OFF", "APPROVE", digest, "evidence reviewed");
    calls.decide(id, "gov3", "GOVERNANCE_SIGN_OFF", "APPROVE", digest, "second approval");
    JsonPath validated = calls.awaitStage(id, "AWAITING_PRODUCTION_APPROVAL");
    assertThat(validated.getBoolean("modelVersions[0].validation.passed")).isTrue();
    JsonPath report = calls.as("audit1").get("/api/v1/model-versions/" + version + "/evidence/endpoint-validation")
        .then().statusCode(200).extract().jsonPath();
    assertThat(report.getList("checks.passed", Boolean.class)).isNotEmpty().containsOnly(true);

    // DataZone: the use case's project, and the model package group as its asset.
    assertThat(dataZone.projects()).singleElement();
    String project = dataZone.projects().get(0).get("id").asText();
    assertThat(dataZone.assets()).singleElement()
        .satisfies(asset -> assertThat(asset.get("owningProjectId").asText()).isEqualTo(project));

    // SageMaker: the group tagged with the project, the approved pipeline package, the card, the test endpoint.
    List<ModelPackageGroupSummary> groups = sageMaker.listModelPackageGroups(b -> { }).modelPackageGroupSummaryList();
    assertThat(groups).singleElement();
    assertThat(sageMaker.listTags(b -> b.resourceArn(groups.get(0).modelPackageGroupArn())).tags())
        .contains(Tag.builder().key(AwsProjectActivities.PROJECT_TAG).value(project).build());
    List<DescribeModelPackageResponse> packages = sageMaker.listModelPackages(
            b -> b.modelPackageGroupName(groups.get(0).modelPackageGroupName())).modelPackageSummaryList().stream()
        .map(p -> sageMaker.describeModelPackage(b -> b.modelPackageName(p.modelPackageArn()))).toList();
    assertThat(packages).singleElement().satisfies(p -> {
      assertThat(p.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.APPROVED);
      assertThat(p.inferenceSpecification().containers()).as("encoder, then XGBoost").hasSize(2);
    });
    // Moto keeps each card update as a version holding only what it sent: the sign-off's content in 2, status in 3.
    String card = ModelCards.cardName(version);
    assertThat(sageMaker.describeModelCard(b -> b.modelCardName(card)).modelCardStatus())
        .isEqualTo(ModelCardStatus.APPROVED);
    String signedContent = sageMaker.describeModelCard(b -> b.modelCardName(card).modelCardVersion(2)).content();
    assertThat(JSON.readTree(signedContent).at("/additional_information/custom_details/approvers").asText())
        .isEqualTo("gov2, gov3");
    String endpoint = EndpointNames.of(id, Environment.TEST);
    String config = AwsDeploymentActivities.endpointConfigName(version, Environment.TEST);
    assertThat(sageMaker.describeEndpoint(b -> b.endpointName(endpoint))).satisfies(e -> {
      assertThat(e.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
      assertThat(e.endpointConfigName()).isEqualTo(config);
    });
    DescribeEndpointConfigResponse served = sageMaker.describeEndpointConfig(b -> b.endpointConfigName(config));
    assertThat(served.dataCaptureConfig().enableCapture()).isTrue();
    assertThat(served.dataCaptureConfig().destinationS3Uri())
        .isEqualTo("s3://" + BUCKET + "/" + PREFIX + AwsDeploymentActivities.CAPTURE_ROOT);

    // Step 10 sent each held-out row, raw, to the test endpoint, whose pipeline encoded and scored it.
    assertThat(runtime.invocations()).hasSize(report.getInt("held_out_rows"))
        .allSatisfy(i -> assertThat(i.endpointName()).isEqualTo(endpoint));

    // Step 11, high risk: two distinct approvers; step 12 then serves production with capture and baselines it.
    String productionDigest = validated.getString("openGates[0].evidenceDigest");
    calls.decide(id, "gov2", "PRODUCTION_APPROVAL", "APPROVE", productionDigest, "validated in test");
    calls.decide(id, "gov3", "PRODUCTION_APPROVAL", "APPROVE", productionDigest, "change board approves");
    JsonPath serving = calls.awaitStage(id, "IN_PRODUCTION");
    assertThat(serving.getString("production.modelVersionId")).isEqualTo(version);
    String production = EndpointNames.of(id, Environment.PRODUCTION);
    String productionConfig = AwsDeploymentActivities.endpointConfigName(version, Environment.PRODUCTION);
    assertThat(sageMaker.describeEndpoint(b -> b.endpointName(production))).satisfies(e -> {
      assertThat(e.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
      assertThat(e.endpointConfigName()).isEqualTo(productionConfig);
    });
    assertThat(sageMaker.describeEndpointConfig(b -> b.endpointConfigName(productionConfig)).dataCaptureConfig()
        .enableCapture()).isTrue();
    // The played analyzer's statistics of the staged rows: the endpoint's columns, without the label.
    JsonPath statistics = calls.as("audit1")
        .get("/api/v1/model-versions/" + version + "/evidence/" + MonitoringBaseline.STATISTICS)
        .then().statusCode(200).extract().jsonPath();
    assertThat(statistics.getInt("dataset.item_count")).isEqualTo(1000);
    assertThat(statistics.getList("features.name")).hasSize(20).doesNotContain("class");
    calls.as("audit1").get("/api/v1/model-versions/" + version + "/evidence/" + MonitoringBaseline.CONSTRAINTS)
        .then().statusCode(200);
    for (Monitor monitor : List.of(Monitor.DATA_QUALITY, Monitor.MODEL_QUALITY)) {
      JsonNode schedule = gaps.schedule(AwsMonitoringActivities.scheduleName(monitor, id)).orElseThrow();
      assertThat(schedule.path("EndpointName").asText()).isEqualTo(production);
      assertThat(schedule.at("/MonitoringScheduleConfig/MonitoringJobDefinitionName").asText())
          .isEqualTo(AwsMonitoringActivities.jobDefinitionName(monitor, version));
      assertThat(schedule.at("/MonitoringScheduleConfig/ScheduleConfig/ScheduleExpression").asText())
          .isEqualTo(MonitoringSettings.HOURLY);
    }

    // Step 13: monitoring-<id> reads the executions of each window; the first windows have none, so report nothing.
    String runsPath = "/api/v1/use-cases/" + id + "/monitoring-runs";
    JsonPath runs = calls.awaitRead(runsPath, listed -> !listed.getList("$").isEmpty());
    assertThat(runs.getList("modelVersionId")).containsOnly(version);
    assertThat(runs.getList("capturedRecords", Long.class)).containsOnly(0L);
    assertThat(runs.getList("violations", Integer.class)).containsOnly(0);

    // Model Monitor's execution of the data-quality schedule, two windows after the last one recorded (the next may
    // be reading already), finds drift on age and a type break on credit_amount.
    String dataQuality = AwsMonitoringActivities.scheduleName(Monitor.DATA_QUALITY, id);
    Instant scheduled = Instant.parse(runs.getString("[0].windowEnd")).plus(MONITORING_INTERVAL).plusSeconds(1)
        .truncatedTo(ChronoUnit.SECONDS);
    String reports = sageMaker.describeDataQualityJobDefinition(b -> b.jobDefinitionName(
            AwsMonitoringActivities.jobDefinitionName(Monitor.DATA_QUALITY, version)))
        .dataQualityJobOutputConfig().monitoringOutputs().get(0).s3Output().s3Uri();
    executions.completed(dataQuality, scheduled, reports + "/" + production + "/" + dataQuality + "/"
        + HOUR_FOLDER.format(scheduled), "data-quality", "CompletedWithViolations");
    JsonPath findings = calls.awaitRead("/api/v1/findings?useCase=" + id, listed -> listed.getList("$").size() >= 2);
    assertThat(findings.getList("checkType")).containsExactlyInAnyOrder("baseline_drift_check", "data_type_check");
    assertThat(findings.getList("subject")).containsExactlyInAnyOrder("age", "credit_amount");
    assertThat(findings.getList("severity")).containsOnly("HIGH");
    assertThat(calls.as("audit1").get(runsPath).then().statusCode(200).extract().jsonPath()
        .getList("capturedRecords", Long.class)).contains(120L);
    calls.awaitStage(id, "AWAITING_REVALIDATION");

    // Ground truth for three answered requests, by eventIds of our choosing: moto captures no traffic.
    String upload = UUID.randomUUID().toString();
    Instant posting = Instant.now();
    calls.as("ops1").contentType(ContentType.JSON).header("Idempotency-Key", upload)
        .body(Map.of("labels", List.of(Map.of("eventId", "capture-1", "label", "good"),
            Map.of("eventId", "capture-2", "label", "bad"), Map.of("eventId", "capture-3", "label", "good"))))
        .post("/api/v1/use-cases/" + id + "/ground-truth")
        .then().statusCode(202).body("labels", equalTo(3));
    Instant posted = Instant.now();
    String groundTruth = PREFIX + AwsMonitoringActivities.groundTruthKey(id) + "/";
    List<String> labelFiles = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(groundTruth)).contents().stream()
        .map(S3Object::key).filter(key -> key.endsWith(".jsonl")).toList();
    assertThat(labelFiles).singleElement().isIn(Stream.of(posting, posted)
        .map(at -> groundTruth + HOUR_FOLDER.format(at) + "/" + upload + ".jsonl").toList());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(labelFiles.get(0))).asUtf8String().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).extracting(line -> line.at("/eventMetadata/eventId").asText())
        .containsExactly("capture-1", "capture-2", "capture-3");
    assertThat(lines).extracting(line -> line.at("/groundTruthData/data").asText()).containsExactly("1", "0", "1");
    assertThat(lines).extracting(line -> line.at("/groundTruthData/encoding").asText()).containsOnly("CSV");

    // Retirement: both endpoints and the production schedules go; what served, and how it was checked, stays.
    calls.as("gov1").contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("comment", "replaced by the new scorecard"))
        .post("/api/v1/use-cases/" + id + "/retirement")
        .then().statusCode(200).body("stage", equalTo("RETIRED")).body("endpoints", hasSize(0));
    assertThat(sageMaker.listEndpoints(b -> { }).endpoints()).isEmpty();
    assertThat(gaps.scheduleCount()).isZero();
    assertThat(sageMaker.describeModel(b -> b.modelName(AwsDeploymentActivities.modelName(version))).modelName())
        .isEqualTo(AwsDeploymentActivities.modelName(version));
    assertThat(List.of(config, productionConfig)).allSatisfy(kept ->
        assertThat(sageMaker.describeEndpointConfig(b -> b.endpointConfigName(kept)).endpointConfigName())
            .isEqualTo(kept));
    String dataDefinition = AwsMonitoringActivities.jobDefinitionName(Monitor.DATA_QUALITY, version);
    String modelDefinition = AwsMonitoringActivities.jobDefinitionName(Monitor.MODEL_QUALITY, version);
    assertThat(sageMaker.describeDataQualityJobDefinition(b -> b.jobDefinitionName(dataDefinition))
        .jobDefinitionName()).isEqualTo(dataDefinition);
    assertThat(sageMaker.describeModelQualityJobDefinition(b -> b.jobDefinitionName(modelDefinition))
        .jobDefinitionName()).isEqualTo(modelDefinition);
    assertThat(sageMaker.describeModelCard(b -> b.modelCardName(card)).modelCardStatus())
        .isEqualTo(ModelCardStatus.ARCHIVED);

    // The emulator's own gaps: every job played, every request as the model allows, nothing created twice.
    assertThat(player.failures()).isEmpty();
    assertThat(player.played()).containsExactlyInAnyOrder(
        "CreateProcessingJob " + AwsDataEvaluationActivities.jobName(version),
        "CreateTrainingJob " + TrainingJobNames.of(version),
        "CreateTransformJob " + AwsModelEvaluationActivities.transformJobName(version),
        "CreateProcessingJob " + AwsModelEvaluationActivities.biasJobName(version),
        "CreateProcessingJob " + AwsMonitoringActivities.baselineJobName(version));
    assertThat(gaps.violations()).isEmpty();
    assertThat(runtime.violations()).isEmpty();
    assertThat(frontDoor.creates()).isNotEmpty().allSatisfy((created, times) -> assertThat(times)
        .as(created).isEqualTo(1));
  }
}
