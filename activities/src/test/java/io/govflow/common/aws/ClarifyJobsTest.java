package io.govflow.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.govflow.common.aws.ClarifyJobs.ClarifyRun;
import io.govflow.evaluation.metrics.BiasReport;
import io.govflow.evidence.LocalArtifactStore;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInput;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * The job states moto cannot produce (it completes every processing job at once and writes nothing): a job that
 * runs, fails or is stopped, and one that exists already, from this attempt's inputs or from others.
 */
@SuppressWarnings("unchecked")
class ClarifyJobsTest {

  private static final String ANALYSIS = """
      {"version": "1.0", "pre_training_bias_metrics": {"label": "class", "label_value_or_threshold": "good",
       "facets": {"age": [{"value_or_threshold": "(25, 75]", "metrics": [
         {"name": "CI", "description": "Class Imbalance (CI)", "value": -0.62},
         {"name": "DI", "description": "Disparate Impact (DI)", "value": Infinity}]}]}}}
      """;

  @TempDir
  Path root;

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private LocalArtifactStore store;
  private ClarifyJobs jobs;
  private ClarifyRun run;

  @BeforeEach
  void jobs() {
    store = new LocalArtifactStore(root);
    jobs = new ClarifyJobs(sageMaker, store,
        ClarifySettings.of(ClarifySettings.CLARIFY_US_EAST_1, "arn:aws:iam::1:role/clarify")
            .withPollInterval(Duration.ZERO));
    run = new ClarifyRun("gf-uc-17-v1-data-bias", "jobs/gf-uc-17-v1-data-bias/", bytes("f,1\nm,0\n"),
        bytes("{\"label\": \"class\"}"), SageMakerNames.tags("uc-17", "uc-17-v1"));
  }

  @Test
  void runningJobIsPolledUntilItCompletesAndItsAnalysisIsRead() {
    when(sageMaker.describeProcessingJob(any(Consumer.class)))
        .thenThrow(notFound())
        .thenReturn(job(ProcessingJobStatus.IN_PROGRESS), job(ProcessingJobStatus.IN_PROGRESS),
            job(ProcessingJobStatus.COMPLETED));
    store.put("jobs/gf-uc-17-v1-data-bias/output/analysis.json", "analysis", bytes(ANALYSIS), "application/json");

    BiasReport report = jobs.analyse(run);

    verify(sageMaker).createProcessingJob(any(Consumer.class));
    verify(sageMaker, times(4)).describeProcessingJob(any(Consumer.class));
    assertThat(report.preTrainingBiasMetrics().facets().get("age").get(0).metrics())
        .extracting(BiasReport.BiasMetric::value).containsExactly(-0.62, Double.POSITIVE_INFINITY);
    assertThat(store.get(store.locationOf("jobs/gf-uc-17-v1-data-bias/dataset.csv"))).isEqualTo(run.dataset());
  }

  @Test
  void requestLaysOutInputsAndOutputAsClarifyExpects() {
    when(sageMaker.describeProcessingJob(any(Consumer.class))).thenThrow(notFound())
        .thenReturn(job(ProcessingJobStatus.FAILED));
    List<CreateProcessingJobRequest> sent = new ArrayList<>();
    when(sageMaker.createProcessingJob(any(Consumer.class))).thenAnswer(call -> {
      CreateProcessingJobRequest.Builder builder = CreateProcessingJobRequest.builder();
      ((Consumer<CreateProcessingJobRequest.Builder>) call.getArgument(0)).accept(builder);
      sent.add(builder.build());
      return null;
    });

    assertThatThrownBy(() -> jobs.analyse(run)).isInstanceOf(ApplicationFailure.class);

    CreateProcessingJobRequest request = sent.get(0);
    assertThat(request.processingJobName()).isEqualTo("gf-uc-17-v1-data-bias");
    assertThat(request.appSpecification().imageUri()).isEqualTo(ClarifySettings.CLARIFY_US_EAST_1);
    assertThat(request.processingInputs()).extracting(ProcessingInput::inputName, i -> i.s3Input().localPath())
        .containsExactly(tuple("analysis_config", "/opt/ml/processing/input/config"),
            tuple("dataset", "/opt/ml/processing/input/data"));
    assertThat(request.processingOutputConfig().outputs()).singleElement().satisfies(output -> {
      assertThat(output.outputName()).isEqualTo("analysis_result");
      assertThat(output.s3Output().localPath()).isEqualTo("/opt/ml/processing/output");
      assertThat(output.s3Output().s3UploadModeAsString()).isEqualTo("EndOfJob");
    });
    assertThat(request.processingResources().clusterConfig().instanceTypeAsString()).isEqualTo("ml.m5.xlarge");
    assertThat(request.stoppingCondition().maxRuntimeInSeconds()).isEqualTo(3600);
    assertThat(request.tags()).extracting(t -> t.key() + "=" + t.value())
        .containsExactly("govflow:use-case-id=uc-17", "govflow:model-version-id=uc-17-v1");
  }

  @Test
  void failedJobFailsTheStepForGoodWithClarifysReason() {
    when(sageMaker.describeProcessingJob(any(Consumer.class))).thenThrow(notFound())
        .thenReturn(job(ProcessingJobStatus.FAILED));

    assertThatThrownBy(() -> jobs.analyse(run)).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo(SageMakerJobs.JOB_FAILED);
      assertThat(failure.getOriginalMessage()).contains("gf-uc-17-v1-data-bias")
          .contains("AlgorithmError: label column 'class' not found");
    });
  }

  @Test
  void stoppedJobFailsTheStepForGood() {
    when(sageMaker.describeProcessingJob(any(Consumer.class))).thenThrow(notFound())
        .thenReturn(job(ProcessingJobStatus.STOPPING), job(ProcessingJobStatus.STOPPED));

    assertThatThrownBy(() -> jobs.analyse(run)).isInstanceOfSatisfying(ApplicationFailure.class,
        failure -> assertThat(failure.getType()).isEqualTo(SageMakerJobs.JOB_STOPPED));
  }

  @Test
  void retryAdoptsTheJobAnEarlierAttemptStartedOnTheSameInputs() {
    SageMakerJobs.stage(store, run.inputs());
    when(sageMaker.describeProcessingJob(any(Consumer.class))).thenReturn(job(ProcessingJobStatus.IN_PROGRESS),
        job(ProcessingJobStatus.COMPLETED));
    store.put("jobs/gf-uc-17-v1-data-bias/output/analysis.json", "analysis", bytes(ANALYSIS), "application/json");

    jobs.analyse(run);

    verify(sageMaker, never()).createProcessingJob(any(Consumer.class));
  }

  @Test
  void jobOfTheSameNameOnOtherInputsIsAConflictNotAnAdoption() {
    store.put(run.datasetKey(), "dataset", bytes("f,0\nm,1\n"), "text/csv");
    store.put(run.configKey(), "config", run.analysisConfig(), "application/json");
    when(sageMaker.describeProcessingJob(any(Consumer.class))).thenReturn(job(ProcessingJobStatus.COMPLETED));

    assertThatThrownBy(() -> jobs.analyse(run)).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo(SageMakerJobs.JOB_CONFLICT);
    });
    verify(sageMaker, never()).createProcessingJob(any(Consumer.class));
  }

  private DescribeProcessingJobResponse job(ProcessingJobStatus status) {
    return DescribeProcessingJobResponse.builder().processingJobName(run.jobName()).processingJobStatus(status)
        .appSpecification(a -> a.imageUri(ClarifySettings.CLARIFY_US_EAST_1))
        .processingInputs(input("analysis_config", run.configKey()), input("dataset", run.datasetKey()))
        .failureReason(status == ProcessingJobStatus.FAILED ? "AlgorithmError: label column 'class' not found" : null)
        .build();
  }

  private ProcessingInput input(String name, String key) {
    return ProcessingInput.builder().inputName(name).s3Input(s -> s.s3Uri(store.locationOf(key))).build();
  }

  private static SageMakerException notFound() {
    return (SageMakerException) SageMakerException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
            .errorMessage("Could not find processing job").build())
        .build();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
