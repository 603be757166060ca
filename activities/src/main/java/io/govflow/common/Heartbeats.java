package io.govflow.common;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/**
 * Heartbeats from a long activity. Activity implementations are also called directly by unit tests, outside any
 * activity context; there a heartbeat has no one to reach and is skipped.
 */
public final class Heartbeats {

  private Heartbeats() {}

  public static void beat(Object progress) {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException outsideAnActivity) {
      return;
    }
    context.heartbeat(progress);
  }
}
