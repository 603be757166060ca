package io.govflow.approval;

import static io.govflow.usecase.LifecycleFixture.DEADLINES;
import static io.govflow.usecase.LifecycleFixture.decision;
import static io.govflow.usecase.LifecycleFixture.gate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.govflow.registry.AuditEvent;
import io.govflow.usecase.LifecycleFixture;
import io.govflow.usecase.RiskLevel;
import io.govflow.usecase.Stage;
import io.govflow.usecase.UseCaseState;
import io.govflow.usecase.UseCaseWorkflow;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Waits on people have deadlines: a reminder, then escalations, on durable timers (time skips in the test). */
class GateDeadlinesTest {

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = LifecycleFixture.extension();

  private final LifecycleFixture lifecycle = new LifecycleFixture();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void startTemporal(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    lifecycle.start(env, worker);
  }

  @Test
  void openGateRaisesAReminderThenAnEscalationEveryPeriod() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-40", RiskLevel.LOW);
    Instant openedAt = gate(useCase.state(), Gate.USE_CASE_APPROVAL).openedAt();

    env.sleep(DEADLINES.remindAfter().plusHours(1));
    UseCaseState reminded = lifecycle.awaitUseCase(useCase, state -> state.gateEvents().size() == 1);
    assertThat(reminded.gateEvents().get(0).kind()).isEqualTo(GateEvent.Kind.REMINDER);
    assertThat(reminded.gateEvents().get(0).at()).isEqualTo(openedAt.plus(DEADLINES.remindAfter()));
    assertThat(gate(reminded, Gate.USE_CASE_APPROVAL).reminded()).isTrue();
    assertThat(reminded.details()).contains("reminded");

    env.sleep(DEADLINES.escalateAfter().multipliedBy(2).minus(DEADLINES.remindAfter()));
    UseCaseState escalated = lifecycle.awaitUseCase(useCase, state -> state.gateEvents().size() == 3);
    assertThat(escalated.gateEvents()).extracting(GateEvent::kind).containsExactly(
        GateEvent.Kind.REMINDER, GateEvent.Kind.ESCALATION, GateEvent.Kind.ESCALATION);
    assertThat(escalated.gateEvents()).extracting(GateEvent::at).containsExactly(
        openedAt.plus(DEADLINES.remindAfter()),
        openedAt.plus(DEADLINES.escalateAfter()),
        openedAt.plus(DEADLINES.escalateAfter().multipliedBy(2)));
    OpenGate open = gate(escalated, Gate.USE_CASE_APPROVAL);
    assertThat(open.escalations()).isEqualTo(2);
    assertThat(open.escalateAt()).isEqualTo(openedAt.plus(DEADLINES.escalateAfter().multipliedBy(3)));
    assertThat(escalated.details()).contains("escalated 2 times");
    verify(lifecycle.registry).appendAudit(argThat(event -> isGateEvent(event, "REMINDER")));
    verify(lifecycle.registry, times(2))
        .appendAudit(argThat(event -> isGateEvent(event, "ESCALATION")));

    useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.REJECT, "gov1", open.evidenceDigest()));
    assertThat(lifecycle.result(useCase).gateEvents()).hasSize(3);
  }

  @Test
  void ownerIsRemindedToReviseAfterChangesWereRequested() {
    UseCaseWorkflow useCase = lifecycle.startUseCase("uc-41", RiskLevel.LOW);
    String digest = gate(useCase.state(), Gate.USE_CASE_APPROVAL).evidenceDigest();
    useCase.decide(decision(Gate.USE_CASE_APPROVAL, Outcome.REQUEST_CHANGES, "gov1", digest));
    lifecycle.awaitUseCase(useCase, state -> state.stage() == Stage.CHANGES_REQUESTED);

    env.sleep(DEADLINES.remindAfter().plus(Duration.ofHours(1)));

    UseCaseState reminded = lifecycle.awaitUseCase(useCase, state -> !state.gateEvents().isEmpty());
    assertThat(reminded.gateEvents().get(0).kind()).isEqualTo(GateEvent.Kind.REMINDER);
    assertThat(reminded.gateEvents().get(0).message()).contains("for its owner po1 to revise it");
  }

  private static boolean isGateEvent(AuditEvent event, String type) {
    return event.type().equals(type) && event.details().get("gate").equals(Gate.USE_CASE_APPROVAL.name())
        && event.eventId().startsWith("use-case-uc-40#");
  }
}
