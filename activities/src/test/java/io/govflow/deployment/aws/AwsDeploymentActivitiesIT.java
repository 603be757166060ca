package io.govflow.deployment.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.aws.EnvironmentAccount;
import io.govflow.common.aws.SageMakerResources;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.testing.Emulator;
import io.govflow.testing.SageMakerGaps;
import io.govflow.training.CandidateModel;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.MonitoringType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3DataDistributionType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3InputMode;

/**
 * Steps 9 and 12 on moto, with UpdateEndpoint and the monitoring schedules moto lacks played by {@link SageMakerGaps};
 * every request the activities send is checked against botocore's SageMaker model.
 */
class AwsDeploymentActivitiesIT {

  private static final String BUCKET = "govflow-artifacts";
  private static final String ROLE = "arn:aws:iam::123456789012:role/govflow-sagemaker";

  @RegisterExtension
  static final Emulator aws = new Emulator().withGaps();

  private final S3Client s3 = aws.s3();
  private final SageMakerClient emulator = aws.motoSageMaker();
  private final SageMakerGaps gaps = aws.gaps();
  private final SageMakerClient sageMaker = aws.sageMaker();
  private AwsDeploymentActivities deployment;

  @BeforeEach
  void emptyAccount() {
    aws.moto().reset();
    gaps.reset();
    s3.createBucket(b -> b.bucket(BUCKET));
    emulator.createModelPackageGroup(b -> b.modelPackageGroupName("gf-uc-17"));
    deployment = new AwsDeploymentActivities(sageMaker,
        Map.of(Environment.TEST, EnvironmentAccount.shared(Environment.TEST, ROLE, sageMaker),
            Environment.PRODUCTION, EnvironmentAccount.shared(Environment.PRODUCTION, ROLE, sageMaker)),
        new S3ArtifactStore(s3, BUCKET, "govflow"), EndpointSettings.defaults().withPollInterval(Duration.ZERO));
  }

  @AfterEach
  void everyRequestFitsSageMakersModel() {
    assertThat(gaps.violations()).isEmpty();
  }

  @Test
  void deploymentServesTheModelPackageWithEveryRequestAndResponseCaptured() {
    CandidateModel v1 = registered("uc-17-v1");

    EndpointRef endpoint = deployment.deploy(request("uc-17-v1", Environment.TEST, v1));

    assertThat(endpoint).isEqualTo(new EndpointRef("gf-uc-17-test", Environment.TEST,
        "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/gf-uc-17-test/invocations", "uc-17-v1",
        "s3://govflow-artifacts/govflow/data-capture/gf-uc-17-test"));
    DescribeEndpointResponse served = emulator.describeEndpoint(b -> b.endpointName("gf-uc-17-test"));
    assertThat(served.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    assertThat(served.endpointConfigName()).isEqualTo("gf-uc-17-v1-test-config");

    DescribeEndpointConfigResponse config =
        emulator.describeEndpointConfig(b -> b.endpointConfigName("gf-uc-17-v1-test-config"));
    assertThat(config.productionVariants()).singleElement().satisfies(variant -> {
      assertThat(variant.variantName()).isEqualTo(AwsDeploymentActivities.VARIANT);
      assertThat(variant.modelName()).isEqualTo("gf-uc-17-v1-model");
      assertThat(variant.instanceTypeAsString()).isEqualTo("ml.m5.large");
      assertThat(variant.initialInstanceCount()).isEqualTo(1);
    });
    assertThat(config.dataCaptureConfig().enableCapture()).isTrue();
    assertThat(config.dataCaptureConfig().initialSamplingPercentage()).isEqualTo(100);
    assertThat(config.dataCaptureConfig().destinationS3Uri()).isEqualTo("s3://govflow-artifacts/govflow/data-capture");
    assertThat(config.dataCaptureConfig().captureOptions()).extracting(CaptureOption::captureMode)
        .containsExactly(CaptureMode.INPUT, CaptureMode.OUTPUT);
    assertThat(config.dataCaptureConfig().captureContentTypeHeader().csvContentTypes()).containsExactly("text/csv");
    assertThat(config.dataCaptureConfig().captureContentTypeHeader().jsonContentTypes())
        .containsExactly("application/json");

    DescribeModelResponse model = emulator.describeModel(b -> b.modelName("gf-uc-17-v1-model"));
    assertThat(model.primaryContainer().modelPackageName()).isEqualTo(v1.modelPackageId());
    assertThat(model.executionRoleArn()).isEqualTo(ROLE);
  }

  @Test
  void retriedDeploymentAdoptsWhatTheFirstAttemptCreated() {
    DeploymentRequest request = request("uc-17-v1", Environment.TEST, registered("uc-17-v1"));
    EndpointRef first = deployment.deploy(request);
    gaps.forgetRequests();

    EndpointRef retried = deployment.deploy(request);

    assertThat(retried).isEqualTo(first);
    assertThat(gaps.sent()).noneMatch(operation -> operation.startsWith("Create") || operation.startsWith("Update"));
    assertThat(emulator.listModels(b -> { }).models()).hasSize(1);
    assertThat(emulator.listEndpointConfigs(b -> { }).endpointConfigs()).hasSize(1);
    assertThat(emulator.listEndpoints(b -> { }).endpoints()).hasSize(1);
  }

  @Test
  void nextVersionSwapsTheEndpointToItsConfigurationAndKeepsThePreviousOnes() {
    deployment.deploy(request("uc-17-v1", Environment.PRODUCTION, registered("uc-17-v1")));

    EndpointRef next = deployment.deploy(request("uc-17-v2", Environment.PRODUCTION, registered("uc-17-v2")));
    deployment.deploy(request("uc-17-v2", Environment.PRODUCTION, registered("uc-17-v2")));

    assertThat(next.endpointName()).isEqualTo("gf-uc-17-prod");
    assertThat(next.modelVersionId()).isEqualTo("uc-17-v2");
    assertThat(emulator.describeEndpoint(b -> b.endpointName("gf-uc-17-prod")).endpointConfigName())
        .isEqualTo("gf-uc-17-v2-prod-config");
    assertThat(gaps.sent()).filteredOn("UpdateEndpoint"::equals).hasSize(1);
    assertThat(emulator.listEndpoints(b -> { }).endpoints()).hasSize(1);
    assertThat(emulator.listEndpointConfigs(b -> { }).endpointConfigs()).hasSize(2);
    assertThat(emulator.listModels(b -> { }).models()).hasSize(2);
  }

  @Test
  void testAndProductionAreTwoEndpointsOfOneModel() {
    CandidateModel v1 = registered("uc-17-v1");

    deployment.deploy(request("uc-17-v1", Environment.TEST, v1));
    deployment.deploy(request("uc-17-v1", Environment.PRODUCTION, v1));

    assertThat(emulator.listEndpoints(b -> { }).endpoints()).extracting(e -> e.endpointName())
        .containsExactlyInAnyOrder("gf-uc-17-test", "gf-uc-17-prod");
    assertThat(emulator.listEndpointConfigs(b -> { }).endpointConfigs()).extracting(c -> c.endpointConfigName())
        .containsExactlyInAnyOrder("gf-uc-17-v1-test-config", "gf-uc-17-v1-prod-config");
    assertThat(emulator.listModels(b -> { }).models()).hasSize(1);
  }

  @Test
  void undeployDeletesTheEndpointAndItsSchedulesButKeepsModelAndConfiguration() {
    deployment.deploy(request("uc-17-v1", Environment.PRODUCTION, registered("uc-17-v1")));
    dataQualitySchedule("gf-uc-17-prod-data-quality", "gf-uc-17-prod");

    deployment.undeploy("gf-uc-17-prod");
    deployment.undeploy("gf-uc-17-prod");

    assertThat(emulator.listEndpoints(b -> { }).endpoints()).isEmpty();
    assertThat(gaps.scheduleCount()).isZero();
    assertThat(emulator.describeModel(b -> b.modelName("gf-uc-17-v1-model")).modelName())
        .isEqualTo("gf-uc-17-v1-model");
    assertThat(emulator.describeEndpointConfig(b -> b.endpointConfigName("gf-uc-17-v1-prod-config"))
        .dataCaptureConfig().enableCapture()).isTrue();
  }

  @Test
  void modelOfTheVersionsNameServingAnotherPackageIsRefused() {
    CandidateModel v1 = registered("uc-17-v1");
    CandidateModel other = registered("uc-17-v9");
    emulator.createModel(b -> b.modelName("gf-uc-17-v1-model").executionRoleArn(ROLE)
        .primaryContainer(c -> c.modelPackageName(other.modelPackageId())));

    assertThatThrownBy(() -> deployment.deploy(request("uc-17-v1", Environment.TEST, v1)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(SageMakerResources.RESOURCE_CONFLICT);
          assertThat(failure.getOriginalMessage()).contains("model gf-uc-17-v1-model");
        });
    assertThat(emulator.listEndpoints(b -> { }).endpoints()).isEmpty();
  }

  private static DeploymentRequest request(String modelVersionId, Environment environment, CandidateModel model) {
    return new DeploymentRequest("uc-17", modelVersionId, environment, model);
  }

  private CandidateModel registered(String modelVersionId) {
    return registered(emulator, modelVersionId);
  }

  /** A model version registered in the use case's group (which must exist), as step 5 leaves it. */
  static CandidateModel registered(SageMakerClient emulator, String modelVersionId) {
    String modelLocation = "s3://govflow-artifacts/training-output/gf-" + modelVersionId + "-train/output/model.tar.gz";
    String arn = emulator.listModelPackages(b -> b.modelPackageGroupName("gf-uc-17")).modelPackageSummaryList()
        .stream().filter(p -> p.modelPackageDescription() != null && p.modelPackageDescription().equals(modelVersionId))
        .map(p -> p.modelPackageArn()).findFirst()
        .orElseGet(() -> emulator.createModelPackage(b -> b.modelPackageGroupName("gf-uc-17")
            .modelPackageDescription(modelVersionId)
            .inferenceSpecification(i -> i.containers(c -> c.image("683313688378.dkr.ecr.us-east-1.amazonaws.com/"
                    + "sagemaker-xgboost:1.7-1").modelDataUrl(modelLocation))
                .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")))
            .modelPackageArn());
    return new CandidateModel(arn, "gf-uc-17", modelLocation, "s3://govflow-artifacts/test.csv",
        ModelVersionStatus.Approved);
  }

  /** A data-quality schedule on the endpoint, as step 12 makes it. */
  private void dataQualitySchedule(String name, String endpoint) {
    emulator.createDataQualityJobDefinition(b -> b.jobDefinitionName("gf-uc-17-v1-data-quality")
        .dataQualityAppSpecification(a -> a.imageUri("analyzer"))
        .dataQualityJobInput(i -> i.endpointInput(e -> e.endpointName(endpoint).localPath("/opt/ml/processing/input")
            .s3InputMode(ProcessingS3InputMode.FILE)
            .s3DataDistributionType(ProcessingS3DataDistributionType.FULLY_REPLICATED)))
        .dataQualityJobOutputConfig(o -> o.monitoringOutputs(m -> m.s3Output(s -> s.s3Uri("s3://govflow-artifacts/m")
            .localPath("/opt/ml/processing/output"))))
        .jobResources(r -> r.clusterConfig(c -> c.instanceType("ml.m5.xlarge").instanceCount(1).volumeSizeInGB(20)))
        .roleArn(ROLE));
    sageMaker.createMonitoringSchedule(b -> b.monitoringScheduleName(name).monitoringScheduleConfig(c -> c
        .monitoringJobDefinitionName("gf-uc-17-v1-data-quality").monitoringType(MonitoringType.DATA_QUALITY)
        .scheduleConfig(s -> s.scheduleExpression("cron(0 * ? * * *)"))));
  }
}
