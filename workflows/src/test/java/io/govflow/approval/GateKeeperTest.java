package io.govflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.usecase.Stage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate rules alone, without Temporal: which decision is refused, with which type, and when a gate closes. */
class GateKeeperTest {

  private static final Instant OPENED = Instant.parse("2026-03-02T09:00:00Z");
  private static final GatePolicy DEADLINES = new GatePolicy(Duration.ofDays(2), Duration.ofDays(5));

  private GateKeeper keeper;

  @BeforeEach
  void openSignOffForTwoApprovers() {
    keeper = new GateKeeper("model-version-uc-17-v1", "uc-17-v1", "po1", "model version uc-17-v1",
        (gate, outcome) -> outcome == Outcome.APPROVE ? Stage.SIGNED_OFF : Stage.REJECTED);
    keeper.open(Gate.GOVERNANCE_SIGN_OFF, Stage.AWAITING_SIGN_OFF, "digest-1", OPENED, DEADLINES, 2, false);
  }

  @Test
  void openGateShowsItsDeadlinesAndDigest() {
    OpenGate open = keeper.openGate();

    assertThat(open.evidenceDigest()).isEqualTo("digest-1");
    assertThat(open.remindAt()).isEqualTo(Instant.parse("2026-03-04T09:00:00Z"));
    assertThat(open.escalateAt()).isEqualTo(Instant.parse("2026-03-07T09:00:00Z"));
    assertThat(open.approvalsRequired()).isEqualTo(2);
    assertThat(open.awaits()).isEqualTo(Gate.GOVERNANCE_SIGN_OFF.awaits());
  }

  @Test
  void decisionWithoutGateOrOutcomeIsInvalid() {
    assertRefusal(new Decision(null, Outcome.APPROVE, "", "gov1", List.of("governance"), "digest-1"),
        Refusal.INVALID_DECISION, "names its gate and its outcome");
    assertRefusal(new Decision(Gate.GOVERNANCE_SIGN_OFF, null, "", "gov1", List.of("governance"), "digest-1"),
        Refusal.INVALID_DECISION, "names its gate and its outcome");
    assertRefusal(null, Refusal.INVALID_DECISION, "names its gate and its outcome");
  }

  @Test
  void roleIsCheckedBeforeAnythingAboutTheGate() {
    assertRefusal(new Decision(Gate.USE_CASE_APPROVAL, Outcome.APPROVE, "", "po1", List.of("product-owner"), "x"),
        Refusal.WRONG_ROLE, "po1 may not decide USE_CASE_APPROVAL: it needs the role governance.");
  }

  @Test
  void gateThatIsNotOpenHereIsRefused() {
    assertRefusal(approval(Gate.USE_CASE_APPROVAL, "gov1", "digest-1"), Refusal.GATE_NOT_OPEN,
        "USE_CASE_APPROVAL is not open for model version uc-17-v1 in model-version-uc-17-v1 "
            + "(GOVERNANCE_SIGN_OFF is open there)");
  }

  @Test
  void ownerCannotDecide() {
    assertRefusal(approval(Gate.GOVERNANCE_SIGN_OFF, "po1", "digest-1"), Refusal.OWNER_CANNOT_DECIDE,
        "po1 owns model version uc-17-v1; another governance member must decide.");
  }

  @Test
  void firstApprovalKeepsTheGateOpenAndTheSameApproverCannotGiveTheSecond() {
    GateOutcome first = keeper.decide(approval(Gate.GOVERNANCE_SIGN_OFF, "gov1", "digest-1"), "key-1");

    assertThat(first.gateClosed()).isFalse();
    assertThat(first.stage()).isEqualTo("AWAITING_SIGN_OFF");
    assertThat(keeper.openGate().approvers()).containsExactly("gov1");
    assertRefusal(approval(Gate.GOVERNANCE_SIGN_OFF, "gov1", "digest-1"), Refusal.ALREADY_APPROVED_BY_ACTOR,
        "gov1 already approved");

    GateOutcome second = keeper.decide(approval(Gate.GOVERNANCE_SIGN_OFF, "gov2", "digest-1"), "key-2");
    assertThat(second.gateClosed()).isTrue();
    assertThat(second.stage()).isEqualTo("SIGNED_OFF");
    assertThat(keeper.openGate()).isNull();
  }

  @Test
  void anyRejectionClosesTheGate() {
    keeper.decide(approval(Gate.GOVERNANCE_SIGN_OFF, "gov1", "digest-1"), "key-1");

    GateOutcome rejection = keeper.decide(new Decision(Gate.GOVERNANCE_SIGN_OFF, Outcome.REJECT, "bias",
        "gov2", List.of("governance"), "digest-1"), "key-2");

    assertThat(rejection.gateClosed()).isTrue();
    assertThat(rejection.stage()).isEqualTo("REJECTED");
  }

  @Test
  void staleDigestIsRefused() {
    assertRefusal(approval(Gate.GOVERNANCE_SIGN_OFF, "gov1", "digest-0"), Refusal.EVIDENCE_CHANGED,
        "taken on evidence digest-0 but GOVERNANCE_SIGN_OFF of model version uc-17-v1 now stands on digest-1");
  }

  @Test
  void signOffTakesNoRequestForChanges() {
    assertRefusal(new Decision(Gate.GOVERNANCE_SIGN_OFF, Outcome.REQUEST_CHANGES, "retrain", "gov1",
        List.of("governance"), "digest-1"), Refusal.OUTCOME_NOT_ALLOWED,
        "takes [APPROVE, REJECT], not REQUEST_CHANGES");
  }

  @Test
  void approvalOverFailedPolicyNeedsAComment() {
    keeper.open(Gate.GOVERNANCE_SIGN_OFF, Stage.AWAITING_SIGN_OFF, "digest-1", OPENED, DEADLINES, 1, true);

    assertRefusal(new Decision(Gate.GOVERNANCE_SIGN_OFF, Outcome.APPROVE, null, "gov1", List.of("governance"),
        "digest-1"), Refusal.INVALID_DECISION, "requires a comment that accepts the risk");
    assertThatNoException().isThrownBy(() -> keeper.admit(new Decision(Gate.GOVERNANCE_SIGN_OFF, Outcome.REJECT,
        null, "gov1", List.of("governance"), "digest-1"), "key-9"));
  }

  @Test
  void decidedUpdateIdPassesAgainAndReturnsTheFirstOutcome() {
    Decision approval = approval(Gate.GOVERNANCE_SIGN_OFF, "gov1", "digest-1");
    GateOutcome first = keeper.decide(approval, "key-1");

    assertThatNoException().isThrownBy(() -> keeper.admit(approval, "key-1"));
    assertThat(keeper.decide(approval, "key-1")).isSameAs(first);
    assertThat(keeper.openGate().approvers()).containsExactly("gov1");
    assertThat(keeper.decidedUpdateIds()).containsExactly("key-1");
  }

  private static Decision approval(Gate gate, String actor, String digest) {
    return new Decision(gate, Outcome.APPROVE, "reviewed", actor, List.of("governance"), digest);
  }

  private void assertRefusal(Decision decision, Refusal refusal, String message) {
    assertThatThrownBy(() -> keeper.admit(decision, "new-key"))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(refusal.name());
          assertThat(failure.getOriginalMessage()).contains(message);
        });
  }
}
