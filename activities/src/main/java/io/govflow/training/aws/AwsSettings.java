package io.govflow.training.aws;

import io.govflow.common.GovflowConfig;
import io.govflow.common.aws.AwsClients;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How step 5 runs on SageMaker: the training image and its hyperparameters, the image of the feature encoder served in
 * front of the trained model ({@link InferencePipeline}), the instances, the IAM role the job
 * assumes, where the job writes the model ({@code s3://bucket/prefix}), how long it may run and how often the waiting
 * activity polls it. {@code additionalChannels} are input channels (name to S3 URI) given to every job beside
 * {@code train}, which is the model version's own training split.
 */
public record AwsSettings(
    String trainingImage,
    String encoderImage,
    String instanceType,
    int instanceCount,
    int volumeSizeGb,
    String roleArn,
    String outputPath,
    Duration maxRuntime,
    Duration pollInterval,
    Map<String, String> hyperParameters,
    Map<String, String> additionalChannels) {

  /** SageMaker's built-in XGBoost 1.7-1 in us-east-1; other regions publish it under another account. */
  public static final String XGBOOST_US_EAST_1 = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
  /** SageMaker's scikit-learn 1.2-1 serving container in us-east-1, published by the same account as XGBoost. */
  public static final String SKLEARN_US_EAST_1 =
      "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";

  public AwsSettings {
    require(trainingImage, "trainingImage");
    require(encoderImage, "encoderImage");
    require(instanceType, "instanceType");
    require(roleArn, "roleArn");
    require(outputPath, "outputPath");
    if (!outputPath.startsWith("s3://")) {
      throw new IllegalArgumentException("outputPath must be an s3:// URI, not " + outputPath);
    }
    if (maxRuntime == null || pollInterval == null) {
      throw new IllegalArgumentException("maxRuntime and pollInterval are required");
    }
    if (instanceCount < 1 || volumeSizeGb < 1) {
      throw new IllegalArgumentException("instanceCount and volumeSizeGb must be at least 1");
    }
    // Sorted, so that a retried submission sends the same request.
    hyperParameters = sorted(hyperParameters);
    additionalChannels = sorted(additionalChannels);
  }

  /** Built-in XGBoost's settings for a binary label. */
  static final Map<String, String> XGBOOST_BINARY =
      Map.of("objective", "binary:logistic", "eval_metric", "auc", "num_round", "100");

  /**
   * Built-in XGBoost for a binary label on one ml.m5.xlarge, at most 8 hours, polled every 30 seconds, behind the
   * encoder on us-east-1's scikit-learn container.
   */
  public static AwsSettings xgboost(String trainingImage, String roleArn, String outputPath) {
    return new AwsSettings(trainingImage, SKLEARN_US_EAST_1, "ml.m5.xlarge", 1, 30, roleArn, outputPath, Duration.ofHours(8),
        Duration.ofSeconds(30), XGBOOST_BINARY, Map.of());
  }

  /**
   * The settings {@code govflow.aws.*} give, jobs writing their models under {@code outputPath}. Without images,
   * built-in XGBoost and scikit-learn where this knows their address (us-east-1); without hyperparameters, XGBoost's
   * binary ones.
   */
  public static AwsSettings from(GovflowConfig.Aws aws, String outputPath) {
    GovflowConfig.Aws.Training training = aws.training();
    Optional<String> usEast1 = aws.region().filter("us-east-1"::equals);
    String image = AwsClients.required(training.image().or(() -> usEast1.map(region -> XGBOOST_US_EAST_1)),
        "govflow.aws.training.image");
    String encoderImage = AwsClients.required(
        training.encoderImage().or(() -> usEast1.map(region -> SKLEARN_US_EAST_1)),
        "govflow.aws.training.encoder-image");
    return new AwsSettings(image, encoderImage, training.instanceType(), training.instanceCount(), training.volumeSizeGb(),
        AwsClients.required(aws.executionRoleArn(), "govflow.aws.execution-role-arn"), outputPath,
        training.maxRuntime(), training.pollInterval(),
        training.hyperParameters().isEmpty() ? XGBOOST_BINARY : training.hyperParameters(), Map.of());
  }

  /** The same settings polling at another interval; tests poll without pause. */
  public AwsSettings withPollInterval(Duration interval) {
    return new AwsSettings(trainingImage, encoderImage, instanceType, instanceCount, volumeSizeGb, roleArn, outputPath,
        maxRuntime, interval, hyperParameters, additionalChannels);
  }

  private static Map<String, String> sorted(Map<String, String> values) {
    return Collections.unmodifiableMap(new TreeMap<>(values == null ? Map.of() : values));
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("aws training setting " + name + " is required");
    }
  }
}
