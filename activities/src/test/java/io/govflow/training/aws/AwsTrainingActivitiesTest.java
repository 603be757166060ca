package io.govflow.training.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.training.TrainingJobRef;
import io.govflow.training.TrainingRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/** The job states moto cannot produce (it completes every job at once): running, failed, stopped. */
class AwsTrainingActivitiesTest {

  private static final TrainingRequest REQUEST =
      new TrainingRequest("uc-17", "uc-17-v1", "gf-uc-17-v1-train", null, 42L, "gf-uc-17");
  private static final TrainingJobRef JOB = new TrainingJobRef("gf-uc-17-v1-train", "arn:job");

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final S3Client s3 = mock(S3Client.class);
  private final AwsTrainingActivities training = new AwsTrainingActivities(sageMaker,
      new S3ArtifactStore(s3, "govflow-artifacts", ""),
      AwsSettings.xgboost(AwsSettings.XGBOOST_US_EAST_1, "arn:aws:iam::1:role/r", "s3://govflow-artifacts/out")
          .withPollInterval(Duration.ZERO));

  @Test
  void failedJobFailsTheStepForGoodWithSageMakersReason() {
    describeAnswers(job(TrainingJobStatus.FAILED, "AlgorithmError: label column must be numeric"));

    assertThatThrownBy(() -> training.awaitTraining(REQUEST, JOB))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(AwsTrainingActivities.TRAINING_FAILED);
          assertThat(failure.getOriginalMessage()).contains("gf-uc-17-v1-train")
              .contains("AlgorithmError: label column must be numeric");
        });
  }

  @Test
  void stoppedJobFailsTheStepForGood() {
    describeAnswers(job(TrainingJobStatus.STOPPED, null));

    assertThatThrownBy(() -> training.awaitTraining(REQUEST, JOB))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(AwsTrainingActivities.TRAINING_STOPPED);
        });
  }

  @Test
  @SuppressWarnings("unchecked")
  void runningJobIsPolledUntilItEnds() {
    describeAnswers(job(TrainingJobStatus.IN_PROGRESS, null), job(TrainingJobStatus.STOPPING, null),
        job(TrainingJobStatus.STOPPED, null));

    assertThatThrownBy(() -> training.awaitTraining(REQUEST, JOB)).isInstanceOf(ApplicationFailure.class);
    verify(sageMaker, times(3)).describeTrainingJob(any(Consumer.class));
  }

  @SuppressWarnings("unchecked")
  private void describeAnswers(DescribeTrainingJobResponse first, DescribeTrainingJobResponse... then) {
    when(sageMaker.describeTrainingJob(any(Consumer.class))).thenReturn(first, then);
  }

  private static DescribeTrainingJobResponse job(TrainingJobStatus status, String failureReason) {
    return DescribeTrainingJobResponse.builder().trainingJobName("gf-uc-17-v1-train").trainingJobStatus(status)
        .secondaryStatus("Training").failureReason(failureReason).build();
  }
}
