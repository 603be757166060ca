package io.govflow.usecase;

import io.govflow.approval.DecisionRecord;
import io.govflow.approval.GateEvent;
import io.govflow.approval.OpenGate;
import io.govflow.modelversion.ModelVersionState;
import java.time.Instant;
import java.util.List;

/**
 * The full live state of a use case, returned by the workflow's query and carried across continue-as-new.
 * {@code openGates} lists every gate open in this workflow or its model-version children, each naming the workflow
 * that decides it; {@code decidedUpdateIds} keeps idempotency keys beyond one run.
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
    Instant updatedAt) {}
