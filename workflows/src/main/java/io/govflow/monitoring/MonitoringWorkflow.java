package io.govflow.monitoring;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Workflow {@code monitoring-<id>} (step 13): runs the monitors on a durable schedule for as long as the use case
 * serves production, turns violations into findings with an SLA, and tells the use case about high-severity ones. It
 * continues as new every few runs, so its history stays bounded however long it runs.
 */
@WorkflowInterface
public interface MonitoringWorkflow {

  @WorkflowMethod
  MonitoringState run(MonitoringStart start);

  @QueryMethod
  MonitoringState state();

  /** A new model version serves production from now on: monitor it against its own baseline. */
  @SignalMethod
  void productionChanged(MonitoredVersion version);

  /** The use case was retired: stop after the run in progress, if any. */
  @SignalMethod
  void stop(String reason);

  @UpdateMethod
  MonitoringFinding acknowledge(FindingAction action);

  @UpdateValidatorMethod(updateName = "acknowledge")
  void admitAcknowledgement(FindingAction action);

  @UpdateMethod
  MonitoringFinding resolve(FindingAction action);

  @UpdateValidatorMethod(updateName = "resolve")
  void admitResolution(FindingAction action);
}
