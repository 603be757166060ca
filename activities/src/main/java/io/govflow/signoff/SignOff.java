package io.govflow.signoff;

import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a sign-off records on the model version and its card, whichever provider keeps them: the final outcome, the
 * people and decisions that reached it, the evidence they saw, the policy in force and what the deciders said.
 *
 * @param comments each decider's comment as {@code actor: comment}, in the order of the decisions
 */
public record SignOff(
    Outcome outcome,
    List<String> deciders,
    List<String> decisionIds,
    List<String> evidenceDigests,
    String policyVersion,
    Instant decidedAt,
    List<String> comments) {

  /** SageMaker's limit on a model package's ApprovalDescription, kept by every provider alike. */
  public static final int MAX_APPROVAL_DESCRIPTION = 1024;

  /**
   * The sign-off of a request: only decisions taken at the sign-off gate with the final outcome count (a rejection
   * after one approval is the rejecter's). Fails if the outcome is not final or no decision reached it.
   */
  public static SignOff of(SignOffRequest request) {
    if (request.outcome() != Outcome.APPROVE && request.outcome() != Outcome.REJECT) {
      throw new IllegalArgumentException("a sign-off records APPROVE or REJECT, not " + request.outcome());
    }
    List<DecisionRecord> decisive = request.decisions().stream()
        .filter(d -> d.decision() != null && d.decision().gate() == Gate.GOVERNANCE_SIGN_OFF)
        .filter(d -> d.decision().outcome() == request.outcome())
        .toList();
    if (decisive.isEmpty()) {
      throw new IllegalArgumentException("no " + request.outcome() + " decision at the governance sign-off gate of "
          + request.modelVersionId() + " backs this sign-off");
    }
    return new SignOff(
        request.outcome(),
        decisive.stream().map(d -> d.decision().actor()).distinct().toList(),
        decisive.stream().map(DecisionRecord::decisionId).toList(),
        decisive.stream().map(d -> d.decision().evidenceDigest()).filter(Objects::nonNull).distinct().toList(),
        request.policyVersion(),
        decisive.stream().map(DecisionRecord::decidedAt).filter(Objects::nonNull)
            .max(Comparator.naturalOrder()).orElse(null),
        decisive.stream().filter(d -> d.decision().comment() != null && !d.decision().comment().isBlank())
            .map(d -> d.decision().actor() + ": " + d.decision().comment().strip()).toList());
  }

  /** {@link #of}, failing as a non-retryable {@link SignOffActivities#INVALID_SIGN_OFF} for an activity to throw. */
  public static SignOff forRecording(SignOffRequest request) {
    try {
      return of(request);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), SignOffActivities.INVALID_SIGN_OFF);
    }
  }

  /**
   * The model package's approval description: who, under which policy, on which decisions and evidence, then the
   * deciders' comments; cut at {@value #MAX_APPROVAL_DESCRIPTION} characters, the most SageMaker keeps.
   */
  public String approvalDescription() {
    String verb = outcome == Outcome.APPROVE ? "Approved" : "Rejected";
    String description = verb + " by " + String.join(", ", deciders) + " at governance sign-off under policy "
        + policyVersion + " (decisions " + String.join(", ", decisionIds) + "; evidence digest "
        + String.join(", ", evidenceDigests) + ")."
        + (comments == null || comments.isEmpty() ? "" : " Comments: " + String.join("; ", comments));
    return description.length() <= MAX_APPROVAL_DESCRIPTION
        ? description : description.substring(0, MAX_APPROVAL_DESCRIPTION);
  }
}
