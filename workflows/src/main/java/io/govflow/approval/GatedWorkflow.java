package io.govflow.approval;

import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * A workflow that holds gates. The API sends every decision as the {@code decide} update, with the client's
 * Idempotency-Key as update id; {@code admit} refuses a wrong decision so that it never enters history.
 */
public interface GatedWorkflow {

  @UpdateMethod
  GateOutcome decide(Decision decision);

  @UpdateValidatorMethod(updateName = "decide")
  void admit(Decision decision);
}
