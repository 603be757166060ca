package io.govflow.deployment.aws;

import io.govflow.common.aws.AwsErrors;
import io.govflow.common.aws.SageMakerJobs;
import io.govflow.common.aws.SageMakerNames;
import io.govflow.common.aws.SageMakerResources;
import io.govflow.deployment.DeploymentActivities;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointNames;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.evidence.ArtifactStore;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.MonitoringScheduleSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Steps 9 and 12 on SageMaker. A model version is served through a model ({@code gf-<modelVersionId>-model}, the
 * registered model package as its container: govflow's feature encoder in front of the trained model, so callers send
 * the dataset's rows as they are) and an endpoint configuration per environment
 * ({@code gf-<modelVersionId>-<test|prod>-config}) capturing every request and response to S3; the use case's
 * endpoint in that environment ({@link EndpointNames#of}) is created with it, or, when it serves another version,
 * updated to it: SageMaker brings up the new configuration's instances and moves the traffic over before it removes
 * the old ones, so no request is dropped. Each resource is looked up before it is created and adopted when it exists,
 * so a retry creates nothing twice; the deploying activity then polls the endpoint, heartbeating, until it serves.
 *
 * <p>Undeploying deletes the endpoint and the monitoring schedules watching it (which would otherwise fail every
 * hour), but keeps the models, endpoint configurations and monitoring job definitions: they record what served,
 * with which capture settings, checked against which baseline, as evidence.
 */
public class AwsDeploymentActivities implements DeploymentActivities {

  /** Failure type of an endpoint SageMaker could not bring into service with the version; its reason says why. */
  public static final String ENDPOINT_FAILED = "ENDPOINT_FAILED";
  /** The endpoint configurations' one production variant. */
  public static final String VARIANT = "AllTraffic";
  /** Where, under the artifact store's root, SageMaker writes every endpoint's captured requests. */
  public static final String CAPTURE_ROOT = "data-capture";

  private static final Set<EndpointStatus> CHANGING = Set.of(EndpointStatus.CREATING, EndpointStatus.UPDATING,
      EndpointStatus.SYSTEM_UPDATING, EndpointStatus.ROLLING_BACK, EndpointStatus.DELETING);

  private final SageMakerClient sageMaker;
  private final ArtifactStore store;
  private final EndpointSettings settings;

  public AwsDeploymentActivities(SageMakerClient sageMaker, ArtifactStore store, EndpointSettings settings) {
    this.sageMaker = sageMaker;
    this.store = store;
    this.settings = settings;
  }

  /** The model of a model version, shared by its test and production endpoint configurations. */
  public static String modelName(String modelVersionId) {
    return SageMakerNames.of(modelVersionId, "model");
  }

  public static String endpointConfigName(String modelVersionId, Environment environment) {
    return SageMakerNames.of(modelVersionId, environment.suffix() + "-config");
  }

  @Override
  public EndpointRef deploy(DeploymentRequest request) {
    String endpoint = EndpointNames.of(request.useCaseId(), request.environment());
    String model = modelName(request.modelVersionId());
    String config = endpointConfigName(request.modelVersionId(), request.environment());
    String captureRoot = store.locationOf(CAPTURE_ROOT);
    try {
      ensureModel(model, request);
      ensureEndpointConfig(config, model, captureRoot, request);
      serve(endpoint, config, request.useCaseId());
      // SageMaker writes each endpoint's capture under <destination>/<endpoint>/<variant>/yyyy/MM/dd/HH/.
      return new EndpointRef(endpoint, request.environment(), invocationUrl(endpoint), request.modelVersionId(),
          captureRoot + "/" + endpoint);
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "deploying model version " + request.modelVersionId() + " to endpoint " + endpoint);
    }
  }

  @Override
  public void undeploy(String endpointName) {
    try {
      for (MonitoringScheduleSummary schedule : sageMaker.listMonitoringSchedulesPaginator(
          b -> b.endpointName(endpointName)).monitoringScheduleSummaries()) {
        SageMakerResources.deleteSchedule(sageMaker, schedule.monitoringScheduleName(), settings.pollInterval());
      }
      sageMaker.deleteEndpoint(b -> b.endpointName(endpointName));
    } catch (AwsServiceException e) {
      if (!AwsErrors.isNotFound(e)) {
        throw AwsErrors.failure(e, "deleting endpoint " + endpointName);
      }
    }
  }

  /** SageMaker's runtime URL of the endpoint, in the partition of the client's region. */
  private String invocationUrl(String endpoint) {
    Region region = sageMaker.serviceClientConfiguration().region();
    return "https://runtime.sagemaker." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix()
        + "/endpoints/" + endpoint + "/invocations";
  }

  private void ensureModel(String model, DeploymentRequest request) {
    String modelPackage = request.candidate().modelPackageId();
    SageMakerResources.ensure("model " + model,
        () -> sageMaker.describeModel(b -> b.modelName(model)),
        (DescribeModelResponse existing) -> existing.primaryContainer() != null
            && modelPackage.equals(existing.primaryContainer().modelPackageName()),
        () -> sageMaker.createModel(b -> b.modelName(model)
            .executionRoleArn(settings.executionRoleArn())
            .primaryContainer(c -> c.modelPackageName(modelPackage))
            .tags(SageMakerNames.tags(request.useCaseId(), request.modelVersionId()))));
  }

  /**
   * An existing configuration is adopted when it serves the model and captures to the same place; its instances are
   * the ones it was created with, since SageMaker cannot change a configuration.
   */
  private void ensureEndpointConfig(String config, String model, String captureRoot, DeploymentRequest request) {
    SageMakerResources.ensure("endpoint configuration " + config,
        () -> sageMaker.describeEndpointConfig(b -> b.endpointConfigName(config)),
        (DescribeEndpointConfigResponse existing) -> existing.productionVariants().size() == 1
            && model.equals(existing.productionVariants().get(0).modelName())
            && existing.dataCaptureConfig() != null
            && captureRoot.equals(existing.dataCaptureConfig().destinationS3Uri()),
        () -> sageMaker.createEndpointConfig(b -> b.endpointConfigName(config)
            .productionVariants(v -> v.variantName(VARIANT).modelName(model)
                .instanceType(settings.instanceType()).initialInstanceCount(settings.instanceCount())
                .initialVariantWeight(1.0f))
            .dataCaptureConfig(dataCapture(captureRoot))
            .tags(SageMakerNames.tags(request.useCaseId(), request.modelVersionId()))));
  }

  /** Every request and response, whole: monitoring and audits read what the model was asked and answered. */
  static DataCaptureConfig dataCapture(String destination) {
    return DataCaptureConfig.builder().enableCapture(true).initialSamplingPercentage(100)
        .destinationS3Uri(destination)
        .captureOptions(o -> o.captureMode(CaptureMode.INPUT), o -> o.captureMode(CaptureMode.OUTPUT))
        .captureContentTypeHeader(h -> h.csvContentTypes("text/csv").jsonContentTypes("application/json"))
        .build();
  }

  /**
   * Points the endpoint at the configuration and waits until it serves from it. A change already under way (an
   * earlier attempt's create or update) is awaited first, so the endpoint is only ever updated from a settled state.
   */
  private void serve(String endpoint, String config, String useCaseId) {
    Optional<DescribeEndpointResponse> before = awaitSettled(endpoint);
    if (before.isEmpty()) {
      try {
        sageMaker.createEndpoint(b -> b.endpointName(endpoint).endpointConfigName(config)
            .tags(Tag.builder().key(SageMakerNames.USE_CASE_TAG).value(useCaseId).build()));
      } catch (AwsServiceException e) {
        if (!AwsErrors.isAlreadyExists(e)) {
          throw e;
        }
      }
    } else if (!config.equals(before.get().endpointConfigName())
        && before.get().endpointStatus() != EndpointStatus.FAILED) {
      sageMaker.updateEndpoint(b -> b.endpointName(endpoint).endpointConfigName(config));
    }
    DescribeEndpointResponse after = awaitSettled(endpoint).orElseThrow(() -> new IllegalStateException(
        "endpoint " + endpoint + " was deleted while it was being deployed; the retry creates it again"));
    if (after.endpointStatus() != EndpointStatus.IN_SERVICE) {
      throw ApplicationFailure.newNonRetryableFailure("endpoint " + endpoint + " is " + after.endpointStatusAsString()
          + ": " + after.failureReason() + "; fix the cause, undeploy the endpoint and deploy the model version again",
          ENDPOINT_FAILED);
    }
    if (!config.equals(after.endpointConfigName())) {
      throw ApplicationFailure.newNonRetryableFailure("endpoint " + endpoint + " still serves "
          + after.endpointConfigName() + ": SageMaker rolled the update to " + config + " back ("
          + after.failureReason() + "); fix the cause and deploy the model version again", ENDPOINT_FAILED);
    }
  }

  /** The endpoint once no change is under way, or empty when it does not exist (or was deleted meanwhile). */
  private Optional<DescribeEndpointResponse> awaitSettled(String endpoint) {
    return SageMakerJobs.awaitEnd(
        () -> SageMakerJobs.describe(() -> sageMaker.describeEndpoint(b -> b.endpointName(endpoint))),
        described -> described.isEmpty() || !CHANGING.contains(described.get().endpointStatus()),
        described -> endpoint + ": " + described.get().endpointStatusAsString(),
        settings.pollInterval());
  }
}
