package io.govflow.monitoring.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.govflow.common.aws.SageMakerJobs;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.monitoring.BaselineRequest;
import io.govflow.training.CandidateModel;
import io.govflow.usecase.Dataset;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobStatus;

/** The baselining job states moto cannot produce (it completes every job at once): running, then failed. */
@SuppressWarnings("unchecked")
class AwsMonitoringActivitiesTest {

  private static final BaselineRequest REQUEST = new BaselineRequest("uc-17", "uc-17-v1",
      new CandidateModel("arn:pkg", "gf-uc-17", "s3://b/model.tar.gz", "s3://b/test.csv", ModelVersionStatus.Approved),
      new Dataset("s3://govflow-data/credit-g.csv", "class", "good"), List.of(), List.of());

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final AwsMonitoringActivities monitoring = new AwsMonitoringActivities(sageMaker,
      new S3ArtifactStore(mock(S3Client.class), "govflow-artifacts", ""),
      MonitoringSettings.defaults(MonitoringSettings.ANALYZER_US_EAST_1, "arn:aws:iam::1:role/r")
          .withPollInterval(Duration.ZERO));

  @Test
  void failedBaseliningJobIsAwaitedAndFailsTheStepForGoodWithSageMakersReason() {
    when(sageMaker.describeProcessingJob(any(Consumer.class))).thenReturn(job(ProcessingJobStatus.IN_PROGRESS, null),
        job(ProcessingJobStatus.IN_PROGRESS, null),
        job(ProcessingJobStatus.FAILED, "AlgorithmError: the dataset has no rows"));

    assertThatThrownBy(() -> monitoring.createBaseline(REQUEST))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(SageMakerJobs.JOB_FAILED);
          assertThat(failure.getOriginalMessage()).contains("gf-uc-17-v1-baseline")
              .contains("AlgorithmError: the dataset has no rows");
        });
    verify(sageMaker, times(3)).describeProcessingJob(any(Consumer.class));
    verify(sageMaker, never()).createProcessingJob(any(Consumer.class));
    verify(sageMaker, never()).createDataQualityJobDefinition(any(Consumer.class));
  }

  /** The job an earlier attempt created from the same staged input. */
  private static DescribeProcessingJobResponse job(ProcessingJobStatus status, String failureReason) {
    return DescribeProcessingJobResponse.builder().processingJobName("gf-uc-17-v1-baseline")
        .processingJobStatus(status).failureReason(failureReason)
        .processingInputs(i -> i.inputName(AwsMonitoringActivities.BASELINE_INPUT).s3Input(s -> s.s3Uri(
            "s3://govflow-artifacts/monitoring/uc-17/uc-17-v1/baseline/input/dataset.csv")))
        .build();
  }
}
