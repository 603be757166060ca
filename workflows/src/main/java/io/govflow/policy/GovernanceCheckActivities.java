package io.govflow.policy;

import io.temporal.activity.ActivityInterface;

/** Step 7: loads the tier's policy document and the evidence, and applies {@link PolicyEvaluator}. */
@ActivityInterface
public interface GovernanceCheckActivities {

  PolicyResult check(GovernanceCheckRequest request);
}
