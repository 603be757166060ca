package io.govflow.testing;

import io.govflow.evidence.aws.S3ArtifactStore.S3Location;
import io.govflow.monitoring.aws.MonitoringSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3UploadMode;

/**
 * Monitoring executions as Model Monitor leaves them, which moto never runs: each one listed by
 * {@link SageMakerGaps}, its processing job made in moto (Completed at once, as moto completes every job) and, for a
 * completed one, Model Monitor's statistics.json and constraint_violations.json from
 * {@code src/test/resources/aws/model-monitor/<documents>/} in moto's S3 at the job's output.
 */
public final class MonitoringExecutions {

  private static final String ROLE = "arn:aws:iam::123456789012:role/govflow-monitoring";
  private static final List<String> DOCUMENTS = List.of("statistics.json", "constraint_violations.json");

  private final SageMakerClient moto;
  private final S3Client s3;
  private final SageMakerGaps gaps;

  /** @param moto and {@code s3}: clients of moto itself; {@code gaps} lists the executions */
  public MonitoringExecutions(SageMakerClient moto, S3Client s3, SageMakerGaps gaps) {
    this.moto = moto;
    this.s3 = s3;
    this.gaps = gaps;
  }

  /**
   * An execution of {@code schedule} at {@code scheduledTime}, reported with {@code statuses} by successive listings,
   * whose job wrote the documents of {@code documents} ({@code data-quality} or {@code model-quality}) to
   * {@code output}.
   */
  public void completed(String schedule, Instant scheduledTime, String output, String documents,
      String... statuses) {
    S3Location folder = S3Location.parse(output);
    for (String file : DOCUMENTS) {
      s3.putObject(b -> b.bucket(folder.bucket()).key(folder.key() + "/" + file).contentType("application/json"),
          RequestBody.fromBytes(fixture(documents + "/" + file)));
    }
    gaps.addExecution(schedule, scheduledTime, processingJobArn(output), null, statuses);
  }

  /** An execution that failed for {@code reason}, its job having written nothing to {@code output}. */
  public void failed(String schedule, Instant scheduledTime, String output, String reason) {
    gaps.addExecution(schedule, scheduledTime, processingJobArn(output), reason, "Failed");
  }

  /** The execution's processing job, named after the last segment of its output and a hash of the whole. */
  private String processingJobArn(String output) {
    String job = output.substring(output.lastIndexOf('/') + 1) + "-" + Math.abs(output.hashCode());
    return moto.createProcessingJob(b -> b.processingJobName(job).roleArn(ROLE)
            .appSpecification(a -> a.imageUri(MonitoringSettings.ANALYZER_US_EAST_1))
            .processingResources(r -> r.clusterConfig(c -> c.instanceType("ml.m5.xlarge").instanceCount(1)
                .volumeSizeInGB(20)))
            .processingOutputConfig(o -> o.outputs(out -> out.outputName("monitoring_output")
                .s3Output(s -> s.s3Uri(output).localPath("/opt/ml/processing/output")
                    .s3UploadMode(ProcessingS3UploadMode.END_OF_JOB)))))
        .processingJobArn();
  }

  private static byte[] fixture(String path) {
    try (InputStream in = MonitoringExecutions.class.getResourceAsStream("/aws/model-monitor/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no Model Monitor fixture " + path + " under /aws/model-monitor/");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fixture " + path, e);
    }
  }
}
