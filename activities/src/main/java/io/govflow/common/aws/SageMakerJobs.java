package io.govflow.common.aws;

import io.govflow.common.Digests;
import io.govflow.common.Heartbeats;
import io.govflow.evidence.ArtifactStore;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * How the aws activities run a SageMaker job they name themselves: stage its inputs in S3 and create it, or adopt the
 * job an earlier attempt created if it read the same inputs; then poll it with heartbeats until it ends. SageMaker
 * keeps a job's name forever, so a job that failed, was stopped or read other inputs cannot be run again under its
 * name: those end the step for good, with what to do in the message.
 */
public final class SageMakerJobs {

  /** Failure type of a job SageMaker reports as Failed: its reason says what to fix. */
  public static final String JOB_FAILED = "SAGEMAKER_JOB_FAILED";
  /** Failure type of a job someone stopped before it ended. */
  public static final String JOB_STOPPED = "SAGEMAKER_JOB_STOPPED";
  /** Failure type of a job (or model) of the step's name made from other inputs than this attempt would give it. */
  public static final String JOB_CONFLICT = "SAGEMAKER_JOB_CONFLICT";
  /** Failure type of a completed job whose output is missing or unreadable. */
  public static final String OUTPUT_UNREADABLE = "SAGEMAKER_OUTPUT_UNREADABLE";

  private SageMakerJobs() {}

  /** One object a job reads, at a key of the artifact store. */
  public record JobInput(String key, byte[] content, String contentType) {}

  /** The resource {@code describe} returns, or empty when SageMaker says it does not exist. */
  public static <T> Optional<T> describe(Supplier<T> describe) {
    try {
      return Optional.of(describe.get());
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Writes a job's inputs under their keys, before the job that reads them is created. */
  public static void stage(ArtifactStore store, List<JobInput> inputs) {
    inputs.forEach(input -> store.put(input.key(), input.key(), input.content(), input.contentType()));
  }

  /**
   * Whether the store holds exactly these inputs: an existing job is adopted only if it read what this attempt
   * would give it, since it may have been created by an attempt that saw other data.
   */
  public static boolean staged(ArtifactStore store, List<JobInput> inputs) {
    for (JobInput input : inputs) {
      String location = store.locationOf(input.key());
      if (!store.exists(location) || !Digests.sha256(store.get(location)).equals(Digests.sha256(input.content()))) {
        return false;
      }
    }
    return true;
  }

  /** Describes the job every {@code interval}, heartbeating its progress, until {@code ended} holds. */
  public static <T> T awaitEnd(Supplier<T> describe, Predicate<T> ended, Function<T, String> progress,
      Duration interval) {
    while (true) {
      T described = describe.get();
      if (ended.test(described)) {
        return described;
      }
      Heartbeats.beat(progress.apply(described));
      pause(interval);
    }
  }

  public static ApplicationFailure failed(String job, String reason) {
    return ApplicationFailure.newNonRetryableFailure(job + " failed: " + reason + "; fix the cause and evaluate a "
        + "new model version (SageMaker keeps the job's name, so this one cannot run again)", JOB_FAILED);
  }

  public static ApplicationFailure stopped(String job, String reason) {
    return ApplicationFailure.newNonRetryableFailure(job + " was stopped" + (reason == null ? "" : " (" + reason + ")")
        + "; evaluate a new model version to run it again", JOB_STOPPED);
  }

  /** {@code what} (a job, a model) exists under the step's name but not as this attempt would create it. */
  public static ApplicationFailure conflict(String what) {
    return ApplicationFailure.newNonRetryableFailure(what + " already exists with other inputs than this attempt "
        + "gives it: the data or the settings changed since it was created. SageMaker keeps the name, so evaluate a "
        + "new model version", JOB_CONFLICT);
  }

  private static void pause(Duration interval) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling a SageMaker job", e);
    }
  }
}
