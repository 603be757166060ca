package io.govflow.testing;

import io.govflow.approval.Decision;
import io.govflow.usecase.UseCaseStart;
import io.govflow.usecase.UseCaseState;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The part of the use-case workflow's contract that retirement uses, under the real workflow type, query and update
 * names, so that {@link ScriptedUseCaseWorkflow} answers the API as the real workflow does.
 */
@WorkflowInterface
public interface RetirableUseCaseWorkflow {

  @WorkflowMethod(name = "UseCaseWorkflow")
  UseCaseState run(UseCaseStart start);

  @QueryMethod
  UseCaseState state();

  @UpdateMethod
  UseCaseState retire(Decision retirement);

  @UpdateValidatorMethod(updateName = "retire")
  void admitRetirement(Decision retirement);
}
