package io.govflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.MonitoringType;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** The checks the SageMaker tests rely on: a request that breaks the model is caught, wherever it goes. */
class SageMakerGapsIT {

  @RegisterExtension
  static final Emulator aws = new Emulator().withGaps();

  private final SageMakerGaps gaps = aws.gaps();
  private final SageMakerClient sageMaker = aws.sageMaker();

  @Test
  void requestMotoAcceptsButTheModelForbidsIsRecorded() {
    gaps.reset();

    sageMaker.createModel(b -> b.modelName("gf-" + "a".repeat(61)).executionRoleArn("arn:aws:iam::123456789012:role/r")
        .primaryContainer(c -> c.modelPackageName("arn:aws:sagemaker:us-east-1:123456789012:model-package/g/1")));

    assertThat(gaps.violations()).singleElement().asString().startsWith("CreateModel: CreateModelInput.ModelName")
        .contains("more than the maximum 63");
  }

  @Test
  void scheduleOfAJobDefinitionThatDoesNotExistIsRefusedAsSageMakerWould() {
    gaps.reset();

    assertThatThrownBy(() -> sageMaker.createMonitoringSchedule(b -> b.monitoringScheduleName("gf-uc-17-prod-dq")
        .monitoringScheduleConfig(c -> c.monitoringJobDefinitionName("gf-missing")
            .monitoringType(MonitoringType.DATA_QUALITY)
            .scheduleConfig(s -> s.scheduleExpression("cron(0 * ? * * *)")))))
        .isInstanceOfSatisfying(SageMakerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    assertThat(gaps.sent()).containsExactly("CreateMonitoringSchedule");
    assertThat(gaps.violations()).isEmpty();
  }
}
