package io.govflow.registry;

import io.govflow.evidence.EvidenceRef;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.usecase.Stage;
import java.time.Instant;
import java.util.List;

/** A model version as last recorded: its stage, approval status, model and the evidence gathered on it. */
public record ModelVersionView(
    String modelVersionId,
    String useCaseId,
    int version,
    String workflowId,
    Stage stage,
    ModelVersionStatus status,
    String modelPackageId,
    String modelLocation,
    List<EvidenceRef> evidence,
    String evidenceDigest,
    Instant updatedAt) {}
