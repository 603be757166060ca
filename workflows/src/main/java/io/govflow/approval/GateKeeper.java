package io.govflow.approval;

import static io.govflow.approval.Refusal.refuseIf;

import io.govflow.usecase.Stage;
import io.temporal.workflow.UpdateInfo;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The gate a workflow holds open and the decisions taken on it: who may decide, on which evidence, and when the gate
 * closes (four-eyes: the owner never decides, high risk needs distinct approvers). Both lifecycle workflows keep one;
 * the workflow supplies the update id and the time, so the rules stay pure.
 */
public final class GateKeeper {

  private final String workflowId;
  private final String modelVersionId;
  private final String owner;
  private final String subject;
  private final BiFunction<Gate, Outcome, Stage> closesInto;
  /** Outcome of every decided update id, so that a retried request returns what the first one did. */
  private final Map<String, GateOutcome> outcomesByUpdateId = new LinkedHashMap<>();

  private Gate gate;
  private Stage awaiting;
  private String evidenceDigest;
  private HumanWait wait;
  private int approvalsRequired;
  private boolean riskAcceptanceRequired;
  private final List<String> approvers = new ArrayList<>();
  private Outcome closedWith;

  /**
   * @param subject what the gates decide on, in words for refusal messages ("use case uc-17")
   * @param closesInto the stage a case moves to when a gate closes with an outcome
   */
  public GateKeeper(String workflowId, String modelVersionId, String owner, String subject,
      BiFunction<Gate, Outcome, Stage> closesInto) {
    this.workflowId = workflowId;
    this.modelVersionId = modelVersionId;
    this.owner = owner;
    this.subject = subject;
    this.closesInto = closesInto;
  }

  /**
   * Opens {@code gate} on the evidence digested as {@code evidenceDigest}.
   *
   * @param riskAcceptanceRequired the policy check failed: an approval must say in its comment that it accepts the risk
   */
  public void open(
      Gate gate,
      Stage awaiting,
      String evidenceDigest,
      Instant now,
      GatePolicy policy,
      int approvalsRequired,
      boolean riskAcceptanceRequired) {
    this.gate = gate;
    this.awaiting = awaiting;
    this.evidenceDigest = evidenceDigest;
    this.wait = new HumanWait(now, policy);
    this.approvalsRequired = approvalsRequired;
    this.riskAcceptanceRequired = riskAcceptanceRequired;
    this.approvers.clear();
    this.closedWith = null;
  }

  /** Refuses a decision that must not enter history; a decision already taken under this update id passes. */
  public void admit(Decision decision, String updateId) {
    if (updateId != null && outcomesByUpdateId.containsKey(updateId)) {
      return;
    }
    refuseIf(decision == null || decision.gate() == null || decision.outcome() == null, Refusal.INVALID_DECISION,
        "a decision names its gate and its outcome (APPROVE, REJECT, REQUEST_CHANGES or RETRAIN).");
    refuseIf(decision.actor() == null || decision.actor().isBlank(), Refusal.INVALID_DECISION,
        "a decision names the person who takes it.");
    Gate asked = decision.gate();
    refuseIf(decision.actorRoles() == null || !decision.actorRoles().contains(asked.deciderRole()),
        Refusal.WRONG_ROLE, "%s may not decide %s: it needs the role %s.",
        decision.actor(), asked, asked.deciderRole());
    refuseIf(!isOpen(asked), Refusal.GATE_NOT_OPEN, "%s is not open for %s in %s (%s); read the case's open gates "
        + "and send the decision to the workflow that holds it.", asked, subject, workflowId, whatIsOpen());
    refuseIf(decision.actor().equals(owner), Refusal.OWNER_CANNOT_DECIDE,
        "%s owns %s; another governance member must decide.", owner, subject);
    refuseIf(approvers.contains(decision.actor()), Refusal.ALREADY_APPROVED_BY_ACTOR,
        "%s already approved %s of %s; %d distinct approvals are required, so another governance member must "
            + "decide.", decision.actor(), asked, subject, approvalsRequired);
    refuseIf(!Objects.equals(decision.evidenceDigest(), evidenceDigest), Refusal.EVIDENCE_CHANGED,
        "the decision was taken on evidence %s but %s of %s now stands on %s; read the case again and decide on "
            + "the current evidence.", decision.evidenceDigest(), asked, subject, evidenceDigest);
    refuseIf(!asked.outcomes().contains(decision.outcome()), Refusal.OUTCOME_NOT_ALLOWED,
        "%s takes %s, not %s.", asked, asked.outcomes().stream().map(Outcome::name).sorted().toList(),
        decision.outcome());
    refuseIf(decision.outcome() == Outcome.APPROVE && riskAcceptanceRequired && isBlank(decision.comment()),
        Refusal.INVALID_DECISION,
        "approving despite failed policy findings requires a comment that accepts the risk.");
  }

  /** The outcome of a decision already taken under {@code updateId}, or null. */
  public GateOutcome earlierOutcome(String updateId) {
    return updateId == null ? null : outcomesByUpdateId.get(updateId);
  }

  /**
   * Applies an admitted decision: an approval short of the required count keeps the gate open, any other decision
   * closes it. Changes state without blocking, so a second decision's validator already sees this one.
   */
  public GateOutcome decide(Decision decision, String updateId) {
    GateOutcome earlier = earlierOutcome(updateId);
    if (earlier != null) {
      return earlier;
    }
    if (decision.outcome() == Outcome.APPROVE) {
      approvers.add(decision.actor());
    }
    boolean closes = decision.outcome() != Outcome.APPROVE || approvers.size() >= approvalsRequired;
    Stage stage = closes ? closesInto.apply(decision.gate(), decision.outcome()) : awaiting;
    GateOutcome outcome = new GateOutcome(updateId, decision.gate(), decision.outcome(), closes, approvalsRequired,
        List.copyOf(approvers), stage.name());
    outcomesByUpdateId.put(updateId, outcome);
    if (closes) {
      closedWith = decision.outcome();
    }
    return outcome;
  }

  /**
   * The {@code decide} update of a gated workflow, once per update id: a retried id gets its first outcome back and
   * nothing else happens; a new decision is applied and handed with its id to {@code onDecided}, which records it.
   */
  public GateOutcome decideOnce(Decision decision, BiConsumer<String, GateOutcome> onDecided) {
    String updateId = currentUpdateId();
    GateOutcome earlier = earlierOutcome(updateId);
    if (earlier != null) {
      return earlier;
    }
    GateOutcome outcome = decide(decision, updateId);
    onDecided.accept(updateId, outcome);
    return outcome;
  }

  /**
   * Waits until the open gate closes, handing each reminder and escalation to {@code onDeadline} as it falls due.
   *
   * @return the closing outcome
   */
  public Outcome awaitClosing(Consumer<GateEvent> onDeadline) {
    return awaitClosing(onDeadline, () -> false);
  }

  /**
   * Waits like {@link #awaitClosing(Consumer)} unless {@code withdrawn} comes to hold first (a retirement), which
   * withdraws the gate without an outcome.
   *
   * @return the closing outcome, or null when the gate was withdrawn
   */
  public Outcome awaitClosing(Consumer<GateEvent> onDeadline, Supplier<Boolean> withdrawn) {
    wait.until(() -> closedWith != null || withdrawn.get(), (kind, due) -> onDeadline.accept(event(kind, due)));
    if (closedWith == null) {
      gate = null;
    }
    return closedWith;
  }

  /** Outcomes decided in an earlier run of the workflow, so that a retried key is answered after continue-as-new. */
  public void restore(List<GateOutcome> decided) {
    decided.forEach(outcome -> outcomesByUpdateId.put(outcome.decisionId(), outcome));
  }

  /** Every outcome decided so far, keyed by its update id, to carry across continue-as-new. */
  public List<GateOutcome> decidedOutcomes() {
    return List.copyOf(outcomesByUpdateId.values());
  }

  private GateEvent event(GateEvent.Kind kind, Instant due) {
    String message = kind == GateEvent.Kind.REMINDER
        ? String.format("%s of %s has waited since %s for %s: %s.", gate, subject, wait.since(),
            gate.deciderRole(), gate.awaits())
        : String.format("%s of %s is still open since %s (escalation %d): escalate to the %s lead.", gate, subject,
            wait.since(), wait.escalations(), gate.deciderRole());
    return new GateEvent(gate, workflowId, kind, due, message);
  }

  /** The open gate as queries show it, or null when no gate is open. */
  public OpenGate openGate() {
    if (gate == null || closedWith != null) {
      return null;
    }
    return new OpenGate(gate, workflowId, modelVersionId, gate.awaits(), evidenceDigest, wait.since(),
        wait.remindAt(), wait.escalateAt(), wait.reminded(), wait.escalations(), approvalsRequired,
        List.copyOf(approvers));
  }

  /** The open gate in words, for current details; empty when no gate is open. */
  public String describe() {
    OpenGate open = openGate();
    if (open == null) {
      return "";
    }
    StringBuilder text = new StringBuilder()
        .append(open.gate()).append(" open since ").append(open.openedAt())
        .append(", awaiting ").append(open.awaits())
        .append(" by ").append(open.gate().deciderRole())
        .append("; approvals ").append(open.approvers().size()).append(" of ").append(open.approvalsRequired());
    if (!open.approvers().isEmpty()) {
      text.append(" (").append(String.join(", ", open.approvers())).append(')');
    }
    if (open.remindAt() != null && !open.reminded()) {
      text.append("; reminder due ").append(open.remindAt());
    } else if (open.reminded()) {
      text.append("; reminded");
    }
    if (open.escalations() > 0) {
      text.append("; escalated ").append(open.escalations()).append(open.escalations() == 1 ? " time" : " times");
    }
    if (open.escalateAt() != null) {
      text.append("; next escalation due ").append(open.escalateAt());
    }
    return text.append('.').toString();
  }

  /** The id of the update being validated or handled: the client's Idempotency-Key. */
  public static String currentUpdateId() {
    return Workflow.getCurrentUpdateInfo().map(UpdateInfo::getUpdateId).orElse(null);
  }

  public List<String> decidedUpdateIds() {
    return List.copyOf(outcomesByUpdateId.keySet());
  }

  private boolean isOpen(Gate asked) {
    return gate == asked && closedWith == null;
  }

  private String whatIsOpen() {
    return gate == null || closedWith != null ? "no gate is open there now" : gate + " is open there";
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
