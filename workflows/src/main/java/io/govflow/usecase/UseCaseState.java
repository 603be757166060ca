package io.govflow.usecase;

import io.govflow.approval.DecisionRecord;
import io.govflow.approval.GateEvent;
import io.govflow.approval.GateOutcome;
import io.govflow.approval.OpenGate;
import io.govflow.deployment.EndpointRef;
import io.govflow.modelversion.ModelVersionState;
import io.govflow.monitoring.MonitoredVersion;
import io.govflow.monitoring.MonitoringFinding;
import java.time.Instant;
import java.util.List;

/**
 * The full live state of a use case, returned by the workflow's query and carried across continue-as-new.
 * {@code openGates} lists every gate open in this workflow or its model-version children, each naming the workflow
 * that decides it; {@code decidedOutcomes} keeps what each idempotency key decided beyond one run. {@code production}
 * is the version serving production (null before step 12 and after retirement), {@code endpoints} every endpoint the
 * use case has up, {@code revalidationFindings} the high-severity findings awaiting re-validation.
 */
public record UseCaseState(
    String useCaseId,
    String workflowId,
    UseCaseDefinition definition,
    int revision,
    Stage stage,
    String details,
    List<OpenGate> openGates,
    List<DecisionRecord> decisions,
    List<GateEvent> gateEvents,
    List<ModelVersionState> modelVersions,
    List<String> decidedUpdateIds,
    Instant createdAt,
    Instant updatedAt,
    MonitoredVersion production,
    List<EndpointRef> endpoints,
    boolean monitoringStarted,
    List<MonitoringFinding> revalidationFindings,
    Instant lastReviewAt,
    Instant nextReviewAt,
    List<GateOutcome> decidedOutcomes,
    long auditSequence,
    String failure) {}
