package io.govflow.registry;

import io.govflow.evidence.EvidenceRef;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.usecase.Stage;
import java.time.Instant;
import java.util.List;

/** The inventory row of a model version, written whole at each change (an upsert). */
public record ModelVersionSnapshot(
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
    Instant at) {}
