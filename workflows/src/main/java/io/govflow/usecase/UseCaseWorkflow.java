package io.govflow.usecase;

import io.govflow.approval.GatedWorkflow;
import io.govflow.modelversion.ModelVersionState;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Workflow {@code use-case-<id>}: definition, the use-case approval gate (step 2), then one model-version child
 * workflow for steps 3–8 whose progress it reflects.
 */
@WorkflowInterface
public interface UseCaseWorkflow extends GatedWorkflow {

  @WorkflowMethod
  UseCaseState run(UseCaseStart start);

  @QueryMethod
  UseCaseState state();

  /** The owner's revision after request-changes. */
  @UpdateMethod
  UseCaseState revise(Revision revision);

  @UpdateValidatorMethod(updateName = "revise")
  void admitRevision(Revision revision);

  /** A model-version child reports each change of its state. */
  @SignalMethod
  void modelVersionChanged(ModelVersionState modelVersion);
}
