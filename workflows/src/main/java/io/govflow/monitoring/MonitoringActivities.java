package io.govflow.monitoring;

import io.temporal.activity.ActivityInterface;

/**
 * Steps 12 and 13, one implementation per provider. Both are idempotent: documents are written under keys derived
 * from the model version and the run id, so a retry rewrites the same documents from the same inputs.
 */
@ActivityInterface
public interface MonitoringActivities {

  /** Step 12: the baselines a production version is monitored against, from its training data and evaluation. */
  MonitoringBaseline createBaseline(BaselineRequest request);

  /**
   * Step 13, one run: reads the traffic captured in the request's window and the ground truth posted for it, and
   * checks them against the baseline.
   */
  MonitoringRun runMonitoring(MonitoringRunRequest request);
}
