package io.govflow.usecase;

import io.govflow.approval.Decision;
import io.govflow.approval.GatedWorkflow;
import io.govflow.modelversion.ModelVersionState;
import io.govflow.monitoring.MonitoringFinding;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Workflow {@code use-case-<id>}: definition, the use-case approval gate (step 2), then one model-version child
 * workflow for steps 3–12 whose progress it reflects; while a version serves production it starts
 * {@code monitoring-<id>}, holds the re-validation and periodic review gates (steps 13–14), runs retraining cycles as
 * new model versions, and retires the use case on a governance decision. It continues as new when its history grows.
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

  /** The monitoring workflow reports a high-severity finding: governance must re-validate the production model. */
  @SignalMethod
  void findingRaised(MonitoringFinding finding);

  /**
   * Retirement (step 14), a governance decision at any time once the use case is approved: removes the endpoints,
   * stops monitoring, archives the model cards; returns when the use case is retired.
   */
  @UpdateMethod
  UseCaseState retire(Decision decision);

  @UpdateValidatorMethod(updateName = "retire")
  void admitRetirement(Decision decision);
}
