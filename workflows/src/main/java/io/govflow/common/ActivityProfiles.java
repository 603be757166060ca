package io.govflow.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options by kind of work. Every timeout of the lifecycle is here, so none hides in a workflow body.
 * What retrying cannot fix is thrown as a non-retryable ApplicationFailure by the activity itself.
 */
public final class ActivityProfiles {

  /** Short writes to the inventory and audit trail: retried often, quickly. */
  public static final ActivityOptions RECORD = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(1))
          .build())
      .build();

  /** Creating or updating a resource (project, model card, registry entry): seconds, idempotent by name. */
  public static final ActivityOptions PROVISION = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(2))
          .setMaximumInterval(Duration.ofMinutes(2))
          .build())
      .build();

  /** Computing on data (statistics, training, evaluation): minutes, with a heartbeat to notice a dead worker. */
  public static final ActivityOptions COMPUTE = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofHours(2))
      .setHeartbeatTimeout(Duration.ofMinutes(1))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(5))
          .setMaximumInterval(Duration.ofMinutes(5))
          .setMaximumAttempts(5)
          .build())
      .build();

  /** Waiting on a cloud job that may run for hours: polls with describe and heartbeats. */
  public static final ActivityOptions CLOUD_JOB_WAIT = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofHours(8))
      .setHeartbeatTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(10))
          .setMaximumInterval(Duration.ofMinutes(5))
          .build())
      .build();

  /**
   * Creating an endpoint and waiting until it serves (minutes on SageMaker): polls with describe and heartbeats, so a
   * dead worker is noticed and a retry adopts the endpoint it was creating.
   */
  public static final ActivityOptions DEPLOY = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofHours(1))
      .setHeartbeatTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(5))
          .setMaximumInterval(Duration.ofMinutes(5))
          .build())
      .build();

  /** A profile with the summary the Web UI shows for the activities called through it. */
  public static ActivityOptions summarised(ActivityOptions profile, String summary) {
    return ActivityOptions.newBuilder(profile).setSummary(summary).build();
  }

  private ActivityProfiles() {}
}
