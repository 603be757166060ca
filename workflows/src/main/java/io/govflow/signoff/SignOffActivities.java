package io.govflow.signoff;

import io.govflow.training.CandidateModel;
import io.temporal.activity.ActivityInterface;

/**
 * Step 8, one implementation per provider: the model version's status becomes Approved or Rejected with the approval
 * description, and the model card records the approvers. Setting a status twice is harmless.
 */
@ActivityInterface
public interface SignOffActivities {

  CandidateModel recordSignOff(SignOffRequest request);
}
