package io.govflow.common.aws;

import io.govflow.common.GovflowConfig;
import java.time.Duration;

/**
 * How the Clarify processing jobs of steps 4 and 6 run: the Clarify container image of the region (SageMaker
 * publishes it per region under its own account), the instances, the IAM role the job assumes (it reads the job's
 * inputs and writes its output in the artifact bucket), how long a job may run and how often the waiting activity
 * polls it. Poll well within the activity's heartbeat timeout.
 */
public record ClarifySettings(
    String image,
    String instanceType,
    int instanceCount,
    int volumeSizeGb,
    String roleArn,
    Duration maxRuntime,
    Duration pollInterval) {

  /** SageMaker Clarify's processing image in us-east-1. */
  public static final String CLARIFY_US_EAST_1 =
      "205585389593.dkr.ecr.us-east-1.amazonaws.com/sagemaker-clarify-processing:1.0";

  public ClarifySettings {
    require(image, "image");
    require(instanceType, "instanceType");
    require(roleArn, "roleArn");
    if (maxRuntime == null || pollInterval == null) {
      throw new IllegalArgumentException("clarify maxRuntime and pollInterval are required");
    }
    if (instanceCount < 1 || volumeSizeGb < 1) {
      throw new IllegalArgumentException("clarify instanceCount and volumeSizeGb must be at least 1");
    }
  }

  /** One ml.m5.xlarge with 30 GB, at most an hour per job, polled every 30 seconds. */
  public static ClarifySettings of(String image, String roleArn) {
    return new ClarifySettings(image, "ml.m5.xlarge", 1, 30, roleArn, Duration.ofHours(1), Duration.ofSeconds(30));
  }

  /** From {@code govflow.aws.processing.*}; the image defaults to Clarify's in us-east-1 only. */
  public static ClarifySettings from(GovflowConfig.Aws aws) {
    GovflowConfig.Aws.Processing processing = aws.processing();
    String image = AwsClients.required(processing.clarifyImage()
            .or(() -> aws.region().filter("us-east-1"::equals).map(region -> CLARIFY_US_EAST_1)),
        "govflow.aws.processing.clarify-image");
    return new ClarifySettings(image, processing.instanceType(), processing.instanceCount(), 30,
        AwsClients.required(aws.executionRoleArn(), "govflow.aws.execution-role-arn"), processing.maxRuntime(),
        processing.pollInterval());
  }

  /** The same settings polling at another interval; tests poll without pause. */
  public ClarifySettings withPollInterval(Duration interval) {
    return new ClarifySettings(image, instanceType, instanceCount, volumeSizeGb, roleArn, maxRuntime, interval);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("clarify setting " + name + " is required");
    }
  }
}
