package io.govflow.training.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.TestConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

  private static final String OUTPUT = "s3://govflow-artifacts/govflow/training-jobs";

  @Test
  void defaultsAreBuiltInXGBoostForABinaryLabelInUsEast1() {
    AwsSettings settings = AwsSettings.from(TestConfigs.govflow(TestConfigs.aws()).aws(), OUTPUT);

    assertThat(settings.trainingImage()).isEqualTo(AwsSettings.XGBOOST_US_EAST_1);
    assertThat(settings.encoderImage()).isEqualTo(AwsSettings.SKLEARN_US_EAST_1);
    assertThat(settings.hyperParameters()).containsEntry("objective", "binary:logistic");
    assertThat(settings.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/govflow-sagemaker");
    assertThat(settings.instanceType()).isEqualTo("ml.m5.xlarge");
    assertThat(settings.maxRuntime()).isEqualTo(Duration.ofHours(8));
    assertThat(settings.outputPath()).isEqualTo(OUTPUT);
  }

  @Test
  void configuredImageInstancesAndHyperparametersAreUsed() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.region", "eu-west-1");
    properties.put("govflow.aws.training.image",
        "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1");
    properties.put("govflow.aws.training.encoder-image",
        "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3");
    properties.put("govflow.aws.training.instance-type", "ml.m5.2xlarge");
    properties.put("govflow.aws.training.poll-interval", "PT1M");
    properties.put("govflow.aws.training.hyper-parameters.num_round", "300");

    AwsSettings settings = AwsSettings.from(TestConfigs.govflow(properties).aws(), OUTPUT);

    assertThat(settings.trainingImage()).endsWith("eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1");
    assertThat(settings.encoderImage()).endsWith("eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3");
    assertThat(settings.instanceType()).isEqualTo("ml.m5.2xlarge");
    assertThat(settings.pollInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.hyperParameters()).containsExactly(Map.entry("num_round", "300"));
  }

  @Test
  void outsideUsEast1TheImagesMustBeNamed() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.region", "eu-west-1");

    assertThatThrownBy(() -> AwsSettings.from(TestConfigs.govflow(properties).aws(), OUTPUT))
        .hasMessageStartingWith("govflow.aws.training.image (environment variable GOVFLOW_AWS_TRAINING_IMAGE)");
    properties.put("govflow.aws.training.image", "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1");
    assertThatThrownBy(() -> AwsSettings.from(TestConfigs.govflow(properties).aws(), OUTPUT))
        .hasMessageStartingWith("govflow.aws.training.encoder-image (environment variable "
            + "GOVFLOW_AWS_TRAINING_ENCODER_IMAGE)");
  }
}
