package io.govflow.policy;

import io.temporal.activity.ActivityInterface;

/** Step 7: loads the tier's policy document and the evidence, and applies {@link PolicyEvaluator}. */
@ActivityInterface
public interface GovernanceCheckActivities {

  /** Failure type: an evidence document's bytes no longer match the digest recorded when it was produced. */
  String EVIDENCE_TAMPERED = "EVIDENCE_TAMPERED";

  /** Failure type: an evidence document is gone, unreadable, or named twice. */
  String EVIDENCE_UNUSABLE = "EVIDENCE_UNUSABLE";

  /** Failure type: the tier's policy document is malformed; the message names the file and every problem. */
  String INVALID_POLICY = "INVALID_POLICY";

  PolicyResult check(GovernanceCheckRequest request);
}
