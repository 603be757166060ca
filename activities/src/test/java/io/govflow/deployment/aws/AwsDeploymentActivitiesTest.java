package io.govflow.deployment.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.govflow.common.aws.EnvironmentAccount;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.Environment;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.training.CandidateModel;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.SageMakerServiceClientConfiguration;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;

/**
 * The endpoint states moto cannot produce (it serves every endpoint the moment it is created): creating, updating,
 * failed, and an update SageMaker rolled back.
 */
@SuppressWarnings("unchecked")
class AwsDeploymentActivitiesTest {

  private static final String MODEL_PACKAGE = "arn:aws:sagemaker:us-east-1:1:model-package/gf-uc-17/1";
  private static final DeploymentRequest V1 = new DeploymentRequest("uc-17", "uc-17-v1", Environment.PRODUCTION,
      new CandidateModel(MODEL_PACKAGE, "gf-uc-17", "s3://b/model.tar.gz", "s3://b/test.csv",
          ModelVersionStatus.Approved));

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final AwsDeploymentActivities deployment = new AwsDeploymentActivities(sageMaker,
      Map.of(Environment.TEST, EnvironmentAccount.shared(Environment.TEST, "arn:aws:iam::1:role/r", sageMaker),
          Environment.PRODUCTION, EnvironmentAccount.shared(Environment.PRODUCTION, "arn:aws:iam::1:role/r",
              sageMaker)),
      new S3ArtifactStore(mock(S3Client.class), "govflow-artifacts", ""),
      EndpointSettings.defaults().withPollInterval(Duration.ZERO));

  @BeforeEach
  void modelAndConfigurationExist() {
    when(sageMaker.serviceClientConfiguration())
        .thenReturn(SageMakerServiceClientConfiguration.builder().region(Region.EU_WEST_1).build());
    when(sageMaker.describeModel(any(Consumer.class))).thenReturn(DescribeModelResponse.builder()
        .primaryContainer(c -> c.modelPackageName(MODEL_PACKAGE)).build());
    when(sageMaker.describeEndpointConfig(any(Consumer.class))).thenReturn(DescribeEndpointConfigResponse.builder()
        .productionVariants(v -> v.variantName("AllTraffic").modelName("gf-uc-17-v1-model"))
        .dataCaptureConfig(AwsDeploymentActivities.dataCapture("s3://govflow-artifacts/data-capture")).build());
  }

  @Test
  void creatingEndpointIsPolledUntilItServes() {
    describeAnswers(endpoint("gf-uc-17-v1-prod-config", EndpointStatus.CREATING, null),
        endpoint("gf-uc-17-v1-prod-config", EndpointStatus.CREATING, null),
        endpoint("gf-uc-17-v1-prod-config", EndpointStatus.IN_SERVICE, null));

    assertThat(deployment.deploy(V1).url())
        .isEqualTo("https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/gf-uc-17-prod/invocations");
    // Three polls until it serves, then one more that finds it serving the configuration.
    verify(sageMaker, times(4)).describeEndpoint(any(Consumer.class));
    verify(sageMaker, never()).createEndpoint(any(Consumer.class));
  }

  @Test
  void endpointUpdatingToAnotherVersionIsAwaitedBeforeItIsUpdated() {
    describeAnswers(endpoint("gf-uc-17-v0-prod-config", EndpointStatus.UPDATING, null),
        endpoint("gf-uc-17-v0-prod-config", EndpointStatus.IN_SERVICE, null),
        endpoint("gf-uc-17-v1-prod-config", EndpointStatus.UPDATING, null),
        endpoint("gf-uc-17-v1-prod-config", EndpointStatus.IN_SERVICE, null));

    deployment.deploy(V1);

    ArgumentCaptor<Consumer<UpdateEndpointRequest.Builder>> update = ArgumentCaptor.forClass(Consumer.class);
    verify(sageMaker).updateEndpoint(update.capture());
    UpdateEndpointRequest.Builder sent = UpdateEndpointRequest.builder();
    update.getValue().accept(sent);
    assertThat(sent.build()).isEqualTo(UpdateEndpointRequest.builder().endpointName("gf-uc-17-prod")
        .endpointConfigName("gf-uc-17-v1-prod-config").build());
  }

  @Test
  void failedEndpointFailsTheStepForGoodWithSageMakersReason() {
    when(sageMaker.describeEndpoint(any(Consumer.class))).thenThrow(notFound())
        .thenReturn(endpoint("gf-uc-17-v1-prod-config", EndpointStatus.FAILED,
            "The primary container for production variant AllTraffic did not pass the ping health check."));

    assertThatThrownBy(() -> deployment.deploy(V1)).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo(AwsDeploymentActivities.ENDPOINT_FAILED);
      assertThat(failure.getOriginalMessage()).contains("gf-uc-17-prod is Failed")
          .contains("did not pass the ping health check");
    });
    verify(sageMaker).createEndpoint(any(Consumer.class));
  }

  @Test
  void rolledBackUpdateFailsTheStepAndSaysWhatStillServes() {
    describeAnswers(endpoint("gf-uc-17-v0-prod-config", EndpointStatus.IN_SERVICE, null),
        endpoint("gf-uc-17-v0-prod-config", EndpointStatus.ROLLING_BACK, "Insufficient capacity"),
        endpoint("gf-uc-17-v0-prod-config", EndpointStatus.IN_SERVICE, "Insufficient capacity"));

    assertThatThrownBy(() -> deployment.deploy(V1)).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).contains("still serves gf-uc-17-v0-prod-config")
          .contains("Insufficient capacity");
    });
  }

  private void describeAnswers(DescribeEndpointResponse first, DescribeEndpointResponse... then) {
    when(sageMaker.describeEndpoint(any(Consumer.class))).thenReturn(first, then);
  }

  /** SageMaker's answer for an endpoint that does not exist. */
  private static SageMakerException notFound() {
    return (SageMakerException) SageMakerException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
            .errorMessage("Could not find endpoint \"arn:aws:sagemaker:eu-west-1:1:endpoint/gf-uc-17-prod\".").build())
        .build();
  }

  private static DescribeEndpointResponse endpoint(String config, EndpointStatus status, String failureReason) {
    return DescribeEndpointResponse.builder().endpointName("gf-uc-17-prod").endpointConfigName(config)
        .endpointStatus(status).failureReason(failureReason).build();
  }
}
