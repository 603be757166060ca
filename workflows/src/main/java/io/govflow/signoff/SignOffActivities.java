package io.govflow.signoff;

import io.govflow.training.CandidateModel;
import io.temporal.activity.ActivityInterface;

/**
 * Step 8, one implementation per provider: the model version's status becomes Approved or Rejected with the approval
 * description, and the model card records the approvers. Setting a status twice is harmless.
 */
@ActivityInterface
public interface SignOffActivities {

  /** Failure type: the request is not a final sign-off (outcome not APPROVE or REJECT, or no decision behind it). */
  String INVALID_SIGN_OFF = "INVALID_SIGN_OFF";

  /** Failure type: the model version already carries the other outcome; a recorded sign-off is never overturned. */
  String SIGN_OFF_CONFLICT = "SIGN_OFF_CONFLICT";

  /** Failure type: the model package or its model card is missing, or the card is not a readable model card. */
  String MODEL_VERSION_UNUSABLE = "MODEL_VERSION_UNUSABLE";

  CandidateModel recordSignOff(SignOffRequest request);
}
