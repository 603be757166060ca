package io.govflow.modelversion;

import io.govflow.approval.DecisionRecord;
import io.govflow.approval.GateEvent;
import io.govflow.approval.OpenGate;
import io.govflow.deployment.EndpointRef;
import io.govflow.evidence.EvidenceRef;
import io.govflow.monitoring.MonitoringBaseline;
import io.govflow.policy.PolicyResult;
import io.govflow.project.ProjectRef;
import io.govflow.training.CandidateModel;
import io.govflow.usecase.Stage;
import io.govflow.validation.EndpointValidation;
import java.time.Instant;
import java.util.List;

/**
 * The full state of one model version (steps 3–12), returned by its query and reported to the parent use case.
 * {@code evidenceDigest} digests all evidence documents; a decision must carry it. The endpoints, validation and
 * baseline are null until the version reaches the step that makes them.
 */
public record ModelVersionState(
    String modelVersionId,
    String useCaseId,
    int version,
    String workflowId,
    Stage stage,
    String details,
    ProjectRef project,
    CandidateModel candidate,
    List<EvidenceRef> evidence,
    String evidenceDigest,
    PolicyResult policyResult,
    OpenGate openGate,
    List<DecisionRecord> decisions,
    List<GateEvent> gateEvents,
    List<String> decidedUpdateIds,
    String failure,
    EndpointRef testEndpoint,
    EndpointValidation validation,
    EndpointRef productionEndpoint,
    MonitoringBaseline baseline,
    Instant productionSince) {}
