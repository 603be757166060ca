package io.govflow.deployment.aws;

import io.govflow.common.GovflowConfig;
import java.time.Duration;

/**
 * How steps 9 and 12 serve on SageMaker: the instances of the endpoint's one production variant, and how often the
 * deploying activity polls the endpoint until it serves. The role the model's container runs as is the environment's
 * ({@link io.govflow.common.aws.EnvironmentAccount}).
 */
public record EndpointSettings(String instanceType, int instanceCount, Duration pollInterval) {

  public EndpointSettings {
    if (instanceType == null || instanceType.isBlank()) {
      throw new IllegalArgumentException("aws endpoint setting instanceType is required");
    }
    if (instanceCount < 1) {
      throw new IllegalArgumentException("aws endpoint setting instanceCount must be at least 1");
    }
    if (pollInterval == null || pollInterval.isNegative()) {
      throw new IllegalArgumentException("aws endpoint setting pollInterval must be zero or more");
    }
  }

  /** One ml.m5.large, polled every 15 seconds: SageMaker takes minutes to bring an endpoint into service. */
  public static EndpointSettings defaults() {
    return new EndpointSettings("ml.m5.large", 1, Duration.ofSeconds(15));
  }

  /** {@code govflow.aws.hosting.*}, polled as often as the processing jobs are. */
  public static EndpointSettings from(GovflowConfig.Aws aws) {
    return new EndpointSettings(aws.hosting().instanceType(), aws.hosting().instanceCount(),
        aws.processing().pollInterval());
  }

  /** The same settings polling at another interval; tests poll without pause. */
  public EndpointSettings withPollInterval(Duration interval) {
    return new EndpointSettings(instanceType, instanceCount, interval);
  }
}
