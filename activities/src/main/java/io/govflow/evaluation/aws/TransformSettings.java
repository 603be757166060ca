package io.govflow.evaluation.aws;

import io.govflow.common.GovflowConfig;
import io.govflow.common.aws.AwsClients;
import java.time.Duration;

/**
 * How step 6 scores the held-out test split on SageMaker: the batch transform's instances, the IAM role of the model
 * it runs (it pulls the image and reads the model artifact), and how often the waiting activity polls the job.
 */
public record TransformSettings(String instanceType, int instanceCount, String roleArn, Duration pollInterval) {

  public TransformSettings {
    if (instanceType == null || instanceType.isBlank() || roleArn == null || roleArn.isBlank()) {
      throw new IllegalArgumentException("transform instanceType and roleArn are required");
    }
    if (instanceCount < 1) {
      throw new IllegalArgumentException("transform instanceCount must be at least 1");
    }
    if (pollInterval == null) {
      throw new IllegalArgumentException("transform pollInterval is required");
    }
  }

  /** One ml.m5.xlarge, polled every 30 seconds. */
  public static TransformSettings of(String roleArn) {
    return new TransformSettings("ml.m5.xlarge", 1, roleArn, Duration.ofSeconds(30));
  }

  /** From {@code govflow.aws.processing.*}: the transform runs on the processing instances. */
  public static TransformSettings from(GovflowConfig.Aws aws) {
    return new TransformSettings(aws.processing().instanceType(), aws.processing().instanceCount(),
        AwsClients.required(aws.executionRoleArn(), "govflow.aws.execution-role-arn"),
        aws.processing().pollInterval());
  }

  /** The same settings polling at another interval; tests poll without pause. */
  public TransformSettings withPollInterval(Duration interval) {
    return new TransformSettings(instanceType, instanceCount, roleArn, interval);
  }
}
