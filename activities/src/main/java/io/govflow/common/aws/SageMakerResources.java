package io.govflow.common.aws;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.ScheduleStatus;

/**
 * SageMaker resources the aws activities name themselves (models, endpoint configurations, monitoring job
 * definitions): looked up before they are created, and adopted when an earlier attempt made them from the same
 * inputs. SageMaker cannot change them under their name, so one made from other inputs ends the step for good.
 * Monitoring schedules, which can change, are waited out of their Pending state first, since SageMaker refuses to
 * update or delete a schedule before it is set up.
 */
public final class SageMakerResources {

  /** Failure type of a resource of the step's name made from other inputs than this attempt would give it. */
  public static final String RESOURCE_CONFLICT = "SAGEMAKER_RESOURCE_CONFLICT";

  private SageMakerResources() {}

  /**
   * Creates {@code what} unless it exists; an existing one (or one a concurrent attempt created between the look-up
   * and the create) must pass {@code madeFromSameInputs}.
   */
  public static <T> void ensure(String what, Supplier<T> describe, Predicate<T> madeFromSameInputs, Runnable create) {
    Optional<T> existing = SageMakerJobs.describe(describe);
    if (existing.isEmpty()) {
      try {
        create.run();
        return;
      } catch (AwsServiceException e) {
        if (!AwsErrors.isAlreadyExists(e)) {
          throw e;
        }
        existing = SageMakerJobs.describe(describe);
      }
    }
    if (existing.isPresent() && !madeFromSameInputs.test(existing.get())) {
      throw conflict(what);
    }
  }

  public static ApplicationFailure conflict(String what) {
    return ApplicationFailure.newNonRetryableFailure(what + " already exists, made from other inputs than this "
        + "attempt gives it (the model package, a location or a setting changed since). SageMaker does not change it "
        + "under its name: delete it, or restore the settings it was made with, and retry the step", RESOURCE_CONFLICT);
  }

  /** The schedule once it has left Pending, or empty when it does not exist. */
  public static Optional<DescribeMonitoringScheduleResponse> settledSchedule(SageMakerClient sageMaker, String name,
      Duration pollInterval) {
    return SageMakerJobs.awaitEnd(
        () -> SageMakerJobs.describe(() -> sageMaker.describeMonitoringSchedule(b -> b.monitoringScheduleName(name))),
        described -> described.isEmpty() || described.get().monitoringScheduleStatus() != ScheduleStatus.PENDING,
        described -> name + ": " + described.get().monitoringScheduleStatusAsString(),
        pollInterval);
  }

  /** Deletes the schedule if it exists; its job definitions and past reports stay. */
  public static void deleteSchedule(SageMakerClient sageMaker, String name, Duration pollInterval) {
    if (settledSchedule(sageMaker, name, pollInterval).isEmpty()) {
      return;
    }
    try {
      sageMaker.deleteMonitoringSchedule(b -> b.monitoringScheduleName(name));
    } catch (AwsServiceException e) {
      if (!AwsErrors.isNotFound(e)) {
        throw e;
      }
    }
  }
}
