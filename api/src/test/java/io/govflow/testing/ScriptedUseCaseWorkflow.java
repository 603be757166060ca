package io.govflow.testing;

import static io.govflow.approval.Refusal.refuseIf;

import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.Refusal;
import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseStart;
import io.govflow.usecase.UseCaseState;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for {@code use-case-<id>} serving production, in API tests of retirement: the workflow type, query and
 * update names of the real one, a validator that refuses anything but a retirement decision, and a handler that
 * records the decision under its update id and ends the case as RETIRED.
 */
public class ScriptedUseCaseWorkflow implements RetirableUseCaseWorkflow {

  private final UseCaseStart start;
  private final List<DecisionRecord> decisions = new ArrayList<>();
  private Stage stage = Stage.IN_PRODUCTION;

  @WorkflowInit
  public ScriptedUseCaseWorkflow(UseCaseStart start) {
    this.start = start;
  }

  @Override
  public UseCaseState run(UseCaseStart start) {
    Workflow.await(() -> stage == Stage.RETIRED);
    return state();
  }

  @Override
  public UseCaseState state() {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    return new UseCaseState(start.useCaseId(), Workflow.getInfo().getWorkflowId(), start.definition(), 1, stage,
        stage.description(), List.of(), List.copyOf(decisions), List.of(), List.of(), List.of(), now, now);
  }

  @Override
  public UseCaseState retire(Decision retirement) {
    String updateId = Workflow.getCurrentUpdateInfo().orElseThrow().getUpdateId();
    decisions.add(new DecisionRecord(updateId, start.useCaseId(), null, Workflow.getInfo().getWorkflowId(),
        retirement, null, Instant.ofEpochMilli(Workflow.currentTimeMillis())));
    stage = Stage.RETIRED;
    return state();
  }

  @Override
  public void admitRetirement(Decision retirement) {
    refuseIf(retirement.gate() != Gate.RETIREMENT, Refusal.INVALID_DECISION, "retire takes a RETIREMENT decision.");
  }
}
