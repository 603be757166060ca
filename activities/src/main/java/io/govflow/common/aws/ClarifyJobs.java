package io.govflow.common.aws;

import io.govflow.common.aws.SageMakerJobs.JobInput;
import io.govflow.evaluation.metrics.BiasReport;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInput;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3CompressionType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3DataDistributionType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3DataType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3InputMode;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3UploadMode;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Runs a SageMaker Clarify processing job as the SageMaker Python SDK's {@code SageMakerClarifyProcessor} lays it
 * out: the analysis configuration as input {@code analysis_config} in {@code /opt/ml/processing/input/config}, the
 * data set as input {@code dataset} in {@code /opt/ml/processing/input/data}, and output {@code analysis_result}
 * from {@code /opt/ml/processing/output}, uploaded at the end of the job. Inputs and output live under the run's key
 * prefix in the artifact store; the job is created once under its name and adopted by a retry that would give it the
 * same inputs ({@link SageMakerJobs}); once it has completed, its analysis.json is read back.
 */
public class ClarifyJobs {

  static final String CONFIG_INPUT = "analysis_config";
  static final String DATA_INPUT = "dataset";
  static final String RESULT_OUTPUT = "analysis_result";
  private static final String CONFIG_PATH = "/opt/ml/processing/input/config";
  private static final String DATA_PATH = "/opt/ml/processing/input/data";
  private static final String OUTPUT_PATH = "/opt/ml/processing/output";

  private final SageMakerClient sageMaker;
  private final ArtifactStore store;
  private final ClarifySettings settings;

  /** @param store an artifact store whose locations SageMaker can read and write: an S3 one */
  public ClarifyJobs(SageMakerClient sageMaker, ArtifactStore store, ClarifySettings settings) {
    this.sageMaker = sageMaker;
    this.store = store;
    this.settings = settings;
  }

  /**
   * One Clarify job: its name, the key prefix its files go under ({@code .../}), the data set as headerless CSV, its
   * analysis_config.json, and the tags the job carries.
   */
  public record ClarifyRun(String jobName, String keyPrefix, byte[] dataset, byte[] analysisConfig, List<Tag> tags) {

    String datasetKey() {
      return keyPrefix + "dataset.csv";
    }

    String configKey() {
      return keyPrefix + "analysis_config.json";
    }

    String outputKey() {
      return keyPrefix + "output";
    }

    List<JobInput> inputs() {
      return List.of(new JobInput(datasetKey(), dataset, "text/csv"),
          new JobInput(configKey(), analysisConfig, "application/json"));
    }
  }

  /** Where a run's analysis.json is once its job has completed. */
  public String analysisLocation(ClarifyRun run) {
    return store.locationOf(run.outputKey() + "/analysis.json");
  }

  /** Submits the run's job, or adopts it, awaits its end and reads its analysis.json. */
  public BiasReport analyse(ClarifyRun run) {
    String job = "Clarify processing job " + run.jobName();
    try {
      submitOrAdopt(run, job);
      DescribeProcessingJobResponse ended = SageMakerJobs.awaitEnd(
          () -> describe(run.jobName()),
          d -> d.processingJobStatus() == ProcessingJobStatus.COMPLETED
              || d.processingJobStatus() == ProcessingJobStatus.FAILED
              || d.processingJobStatus() == ProcessingJobStatus.STOPPED,
          d -> run.jobName() + ": " + d.processingJobStatusAsString(),
          settings.pollInterval());
      return switch (ended.processingJobStatus()) {
        case COMPLETED -> readAnalysis(run, job);
        case FAILED -> throw SageMakerJobs.failed(job, ended.failureReason()
            + (ended.exitMessage() == null ? "" : " (" + ended.exitMessage() + ")"));
        default -> throw SageMakerJobs.stopped(job, ended.failureReason());
      };
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "running " + job);
    }
  }

  private void submitOrAdopt(ClarifyRun run, String job) {
    Optional<DescribeProcessingJobResponse> existing = SageMakerJobs.describe(() -> describe(run.jobName()));
    if (existing.isEmpty()) {
      SageMakerJobs.stage(store, run.inputs());
      try {
        create(run);
        return;
      } catch (AwsServiceException e) {
        if (!AwsErrors.isAlreadyExists(e)) {
          throw e;
        }
        // An attempt running alongside created it between our describe and create.
        existing = Optional.of(describe(run.jobName()));
      }
    }
    if (!readsSameInputs(existing.get(), run)) {
      throw SageMakerJobs.conflict(job);
    }
  }

  private void create(ClarifyRun run) {
    sageMaker.createProcessingJob(b -> b.processingJobName(run.jobName())
        .appSpecification(a -> a.imageUri(settings.image()))
        .roleArn(settings.roleArn())
        .processingInputs(
            input(CONFIG_INPUT, store.locationOf(run.configKey()), CONFIG_PATH),
            input(DATA_INPUT, store.locationOf(run.datasetKey()), DATA_PATH))
        .processingOutputConfig(o -> o.outputs(out -> out.outputName(RESULT_OUTPUT)
            .s3Output(s -> s.s3Uri(store.locationOf(run.outputKey())).localPath(OUTPUT_PATH)
                .s3UploadMode(ProcessingS3UploadMode.END_OF_JOB))))
        .processingResources(r -> r.clusterConfig(c -> c.instanceType(settings.instanceType())
            .instanceCount(settings.instanceCount()).volumeSizeInGB(settings.volumeSizeGb())))
        .stoppingCondition(s -> s.maxRuntimeInSeconds((int) settings.maxRuntime().toSeconds()))
        .tags(run.tags()));
  }

  private boolean readsSameInputs(DescribeProcessingJobResponse job, ClarifyRun run) {
    Map<String, String> uris = new TreeMap<>();
    job.processingInputs().forEach(i -> uris.put(i.inputName(), i.s3Input() == null ? null : i.s3Input().s3Uri()));
    return settings.image().equals(job.appSpecification().imageUri())
        && store.locationOf(run.configKey()).equals(uris.get(CONFIG_INPUT))
        && store.locationOf(run.datasetKey()).equals(uris.get(DATA_INPUT))
        && SageMakerJobs.staged(store, run.inputs());
  }

  private BiasReport readAnalysis(ClarifyRun run, String job) {
    String location = analysisLocation(run);
    try {
      return EvidenceJson.read(store.get(location), BiasReport.class);
    } catch (ArtifactNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(job + " completed but wrote no "
          + "analysis.json to " + location + "; see the job's logs in CloudWatch and evaluate a new model version",
          SageMakerJobs.OUTPUT_UNREADABLE, e);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(location + " written by " + job
          + " is not a Clarify analysis: " + e.getMessage(), SageMakerJobs.OUTPUT_UNREADABLE, e);
    }
  }

  private DescribeProcessingJobResponse describe(String jobName) {
    return sageMaker.describeProcessingJob(b -> b.processingJobName(jobName));
  }

  private static ProcessingInput input(String name, String s3Uri, String localPath) {
    return ProcessingInput.builder().inputName(name)
        .s3Input(s -> s.s3Uri(s3Uri).localPath(localPath).s3DataType(ProcessingS3DataType.S3_PREFIX)
            .s3InputMode(ProcessingS3InputMode.FILE)
            .s3DataDistributionType(ProcessingS3DataDistributionType.FULLY_REPLICATED)
            .s3CompressionType(ProcessingS3CompressionType.NONE))
        .build();
  }
}
