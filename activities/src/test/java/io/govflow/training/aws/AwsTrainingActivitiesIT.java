package io.govflow.training.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Digests;
import io.govflow.common.Samples;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
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
import io.govflow.training.TrainingJobRef;
import io.govflow.training.TrainingRequest;
import io.govflow.training.TrainingResult;
import io.govflow.usecase.Dataset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelCardStatus;

/**
 * Step 5 on moto. The emulator completes a training job the moment it is created, writes no model file and reports
 * a fixed {@code train:progress} metric; it ignores client tokens and keeps no model card on a model package, so the
 * card is checked on the request as sent.
 */
class AwsTrainingActivitiesIT {

  private static final String BUCKET = "govflow-artifacts";
  private static final String DATASET = "s3://govflow-data/credit-g.csv";
  private static final String ROLE = "arn:aws:iam::123456789012:role/govflow-training";

  private static final SentRequests SENT = new SentRequests();

  @RegisterExtension
  static final Emulator aws = new Emulator().withDataZone().intercepting(SENT);

  private final S3Client s3 = aws.s3();
  private final SageMakerClient sageMaker = aws.sageMaker();
  private final ObjectMapper json = new ObjectMapper();
  private S3ArtifactStore store;
  private AwsTrainingActivities training;
  private ProjectRef project;
  private TrainingRequest request;

  @BeforeEach
  void projectWithCreditData() {
    aws.moto().reset();
    aws.dataZone().reset();
    SENT.clear();
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.createBucket(b -> b.bucket("govflow-data"));
    s3.putObject(b -> b.bucket("govflow-data").key("credit-g.csv"), RequestBody.fromFile(Samples.path(Samples.CREDIT_G)));
    store = new S3ArtifactStore(s3, BUCKET, "");
    project = new AwsProjectActivities(sageMaker, aws.dataZoneClient(), store,
        DataZoneSettings.domain(FakeDataZone.DOMAIN_ID))
        .setUpProject(new ProjectRequest("uc-17", "uc-17-v1", TestUseCases.creditRisk()));
    training = new AwsTrainingActivities(sageMaker, store,
        AwsSettings.xgboost(AwsSettings.XGBOOST_US_EAST_1, ROLE, "s3://" + BUCKET + "/training-output")
            .withPollInterval(Duration.ZERO));
    request = new TrainingRequest("uc-17", "uc-17-v1", TrainingJobNames.of("uc-17-v1"),
        new Dataset(DATASET, "class", "good"), 42L, project.modelPackageGroup());
  }

  @Test
  void retriedSubmissionAdoptsTheJobAndItsStratifiedSplit() {
    TrainingJobRef first = training.startTraining(request);
    TrainingJobRef retried = training.startTraining(request);

    assertThat(retried).isEqualTo(first);
    assertThat(first.jobName()).isEqualTo("gf-uc-17-v1-train");
    assertThat(sageMaker.listTrainingJobs(b -> b.nameContains("gf-uc-17")).trainingJobSummaries()).hasSize(1);

    DescribeTrainingJobResponse job = sageMaker.describeTrainingJob(b -> b.trainingJobName("gf-uc-17-v1-train"));
    String prefix = "s3://govflow-artifacts/use-cases/uc-17/uc-17-v1/training/gf-uc-17-v1-train/";
    assertThat(job.inputDataConfig()).singleElement()
        .satisfies(c -> assertThat(c.dataSource().s3DataSource().s3Uri()).isEqualTo(prefix + "train.csv"));
    assertThat(job.algorithmSpecification().trainingImage()).isEqualTo(AwsSettings.XGBOOST_US_EAST_1);
    assertThat(job.roleArn()).isEqualTo(ROLE);
    assertThat(job.hyperParameters()).containsEntry("objective", "binary:logistic");

    Table test = Table.parse(store.get(prefix + "test.csv"));
    assertThat(test.rowCount()).isEqualTo(300);
    assertThat(test.column("class").stream().filter("good"::equals).count()).isEqualTo(210);
  }

  @Test
  void trainChannelIsWhatBuiltInXgboostReadsAndItsEncodingIsKept() {
    training.startTraining(request);

    FeatureEncoding encoding = FeatureEncoding.read(store, "uc-17", "uc-17-v1");
    List<String> rows = List.of(new String(store.get(
        "s3://govflow-artifacts/use-cases/uc-17/uc-17-v1/training/gf-uc-17-v1-train/train.csv"),
        StandardCharsets.UTF_8).split("\n"));
    assertThat(rows).hasSize(700);
    assertThat(rows.stream().filter(row -> row.startsWith("1,")).count()).as("good rows").isEqualTo(490);
    assertThat(rows).allSatisfy(row -> {
      String[] cells = row.split(",", -1);
      assertThat(cells).hasSize(1 + encoding.encodedColumns().size());
      assertThat(cells).allSatisfy(cell -> assertThat(Double.parseDouble(cell)).isNotNaN());
    });
    assertThat(encoding.encodedColumns()).contains("duration", "purpose=radio/tv", "personal_status=male single")
        .doesNotContain("class");
    assertThat(encoding.unfavourableLabel()).isEqualTo("bad");
  }

  @Test
  void awaitedJobGivesModelLocationTestSplitAndTrainingMetricsEvidence() {
    TrainingJobRef job = training.startTraining(request);

    TrainingResult result = training.awaitTraining(request, job);
    TrainingResult retried = training.awaitTraining(request, job);

    assertThat(retried).isEqualTo(result);
    assertThat(result.modelLocation())
        .isEqualTo("s3://govflow-artifacts/training-output/gf-uc-17-v1-train/output/model.tar.gz");
    assertThat(result.testDataLocation())
        .isEqualTo("s3://govflow-artifacts/use-cases/uc-17/uc-17-v1/training/gf-uc-17-v1-train/test.csv");
    assertThat(result.metrics()).containsEntry("train:progress", 100.0);
    assertThat(result.trainingMetrics().location())
        .isEqualTo("s3://govflow-artifacts/use-cases/uc-17/uc-17-v1/training-metrics.json");
    assertThat(Digests.sha256(store.get(result.trainingMetrics().location())))
        .isEqualTo(result.trainingMetrics().sha256());
  }

  @Test
  void retriedRegistrationAdoptsThePackageOfTheSameModelVersion() throws Exception {
    TrainingResult trained = training.awaitTraining(request, training.startTraining(request));
    RegistrationRequest registration =
        new RegistrationRequest("uc-17", "uc-17-v1", project.modelPackageGroup(), trained, project.modelCard());

    CandidateModel first = training.registerCandidate(registration);
    CandidateModel retried = training.registerCandidate(registration);

    assertThat(retried).isEqualTo(first);
    assertThat(first.status()).isEqualTo(ModelVersionStatus.PendingManualApproval);
    assertThat(first.modelLocation()).isEqualTo(trained.modelLocation());
    assertThat(first.testDataLocation()).isEqualTo(trained.testDataLocation());
    assertThat(sageMaker.listModelPackages(b -> b.modelPackageGroupName("gf-uc-17")).modelPackageSummaryList())
        .hasSize(1);

    DescribeModelPackageResponse registered =
        sageMaker.describeModelPackage(b -> b.modelPackageName(first.modelPackageId()));
    assertThat(registered.modelApprovalStatusAsString()).isEqualTo("PendingManualApproval");
    assertThat(registered.customerMetadataProperties())
        .containsEntry(AwsTrainingActivities.MODEL_VERSION_PROPERTY, "uc-17-v1");
    assertThat(registered.modelMetrics().modelQuality().statistics().s3Uri())
        .isEqualTo(trained.trainingMetrics().location());
    List<ModelPackageContainerDefinition> containers = registered.inferenceSpecification().containers();
    assertThat(containers).as("the encoder serves in front of the trained model")
        .extracting(ModelPackageContainerDefinition::image)
        .containsExactly(AwsSettings.SKLEARN_US_EAST_1, AwsSettings.XGBOOST_US_EAST_1);
    assertThat(containers.get(0).environment()).containsEntry("SAGEMAKER_PROGRAM", InferencePipeline.SCRIPT);
    assertThat(store.get(containers.get(0).modelDataUrl())).as("the encoder's artifact, written before training")
        .isEqualTo(InferencePipeline.encoderArtifact(FeatureEncoding.read(store, "uc-17", "uc-17-v1")));
    assertThat(containers.get(1).modelDataUrl()).isEqualTo(trained.modelLocation());

    List<CreateModelPackageRequest> creates = SENT.of(CreateModelPackageRequest.class);
    assertThat(creates).singleElement().satisfies(create -> {
      assertThat(create.clientToken()).isEqualTo(AwsTrainingActivities.clientToken("uc-17-v1"));
      assertThat(create.modelCard().modelCardStatus()).isEqualTo(ModelCardStatus.DRAFT);
    });
    JsonNode card = json.readTree(creates.get(0).modelCard().modelCardContent());
    assertThat(card.path("model_overview").path("model_creator").asText()).isEqualTo("owner1");
    assertThat(card.path("model_overview").path("model_artifact").get(0).asText()).isEqualTo(trained.modelLocation());
    assertThat(card.path("model_overview").has("model_name")).isFalse();
    assertThat(card.path("business_details").path("line_of_business").asText()).isEqualTo("Retail lending");
  }

  @Test
  void secondModelVersionGetsItsOwnPackageInTheGroup() {
    TrainingResult trained = training.awaitTraining(request, training.startTraining(request));
    training.registerCandidate(
        new RegistrationRequest("uc-17", "uc-17-v1", project.modelPackageGroup(), trained, project.modelCard()));

    CandidateModel second = training.registerCandidate(
        new RegistrationRequest("uc-17", "uc-17-v2", project.modelPackageGroup(), trained, null));

    assertThat(sageMaker.listModelPackages(b -> b.modelPackageGroupName("gf-uc-17")).modelPackageSummaryList())
        .hasSize(2);
    assertThat(second.modelPackageId()).endsWith("/2");
  }
}
