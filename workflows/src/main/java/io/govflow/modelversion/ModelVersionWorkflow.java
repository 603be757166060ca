package io.govflow.modelversion;

import io.govflow.approval.GatedWorkflow;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Workflow {@code model-version-<id>-v<n>}: project set-up, data evaluation, training, model evaluation, the
 * governance criteria check and the governance sign-off gate (steps 3–8), then test deployment, validation in test,
 * the production approval gate and production deployment with its monitoring baseline (steps 9–12).
 */
@WorkflowInterface
public interface ModelVersionWorkflow extends GatedWorkflow {

  @WorkflowMethod
  ModelVersionState run(ModelVersionRequest request);

  @QueryMethod
  ModelVersionState state();

  /** The use case is being retired: stop at the next step or open gate, before anything reaches production. */
  @SignalMethod
  void withdraw(String reason);
}
