package io.govflow.modelversion;

import io.govflow.approval.GatedWorkflow;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Workflow {@code model-version-<id>-v<n>}: project set-up, data evaluation, training, model evaluation, the
 * governance criteria check and the governance sign-off gate (steps 3–8).
 */
@WorkflowInterface
public interface ModelVersionWorkflow extends GatedWorkflow {

  @WorkflowMethod
  ModelVersionState run(ModelVersionRequest request);

  @QueryMethod
  ModelVersionState state();
}
