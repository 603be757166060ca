package io.govflow.approval;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The one wait on people, for every gate and revision: a reminder once at {@code since + remindAfter}, an escalation
 * at {@code since + escalateAfter} and again every {@code escalateAfter} while nobody has acted. The deadlines are
 * durable timers ({@code Workflow.await} with a timeout), so a case is never lost however long it waits.
 */
public final class HumanWait {

  private final GatePolicy policy;
  private final Instant since;
  private Instant remindAt;
  private Instant escalateAt;
  private boolean reminded;
  private int escalations;

  public HumanWait(Instant since, GatePolicy policy) {
    this.since = since;
    this.policy = policy;
    this.remindAt = policy != null && isPositive(policy.remindAfter()) ? since.plus(policy.remindAfter()) : null;
    this.escalateAt = policy != null && isPositive(policy.escalateAfter()) ? since.plus(policy.escalateAfter()) : null;
  }

  /**
   * Blocks until {@code done} holds; each deadline that passes first is handed to {@code onDeadline} with the instant
   * it was due, and the wait goes on.
   */
  public void until(Supplier<Boolean> done, BiConsumer<GateEvent.Kind, Instant> onDeadline) {
    while (!done.get()) {
      GateEvent.Kind next = nextKind();
      if (next == null) {
        Workflow.await(done);
        return;
      }
      Instant due = next == GateEvent.Kind.REMINDER ? remindAt : escalateAt;
      Duration left = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), due);
      if (left.isNegative() || left.isZero() ? done.get() : Workflow.await(left, done)) {
        return;
      }
      if (next == GateEvent.Kind.REMINDER) {
        reminded = true;
      } else {
        escalations++;
        escalateAt = escalateAt.plus(policy.escalateAfter());
      }
      onDeadline.accept(next, due);
    }
  }

  private GateEvent.Kind nextKind() {
    if (!reminded && remindAt != null && (escalateAt == null || !remindAt.isAfter(escalateAt))) {
      return GateEvent.Kind.REMINDER;
    }
    return escalateAt == null ? null : GateEvent.Kind.ESCALATION;
  }

  private static boolean isPositive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }

  public Instant since() {
    return since;
  }

  public Instant remindAt() {
    return remindAt;
  }

  public Instant escalateAt() {
    return escalateAt;
  }

  public boolean reminded() {
    return reminded;
  }

  public int escalations() {
    return escalations;
  }
}
