package io.govflow.common;

import io.temporal.workflow.Workflow;

/** What operators see of a running lifecycle workflow: its stage and pending gate as search attributes, and details in words. */
public final class WorkflowProgress {

  private WorkflowProgress() {}

  /** Called from workflow code after a change of stage or gate. */
  public static void show(String stage, String pendingGate, String details) {
    Workflow.upsertTypedSearchAttributes(
        GovflowSearchAttributes.STAGE.valueSet(stage),
        GovflowSearchAttributes.PENDING_GATE.valueSet(
            pendingGate == null ? GovflowSearchAttributes.NO_PENDING_GATE : pendingGate));
    Workflow.setCurrentDetails(details);
  }
}
