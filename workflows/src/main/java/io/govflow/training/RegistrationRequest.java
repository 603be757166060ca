package io.govflow.training;

import io.govflow.evidence.EvidenceRef;

/** Register a trained model into the group, with its metrics and the model card attached. */
public record RegistrationRequest(
    String useCaseId, String modelVersionId, String modelPackageGroup, TrainingResult training, EvidenceRef modelCard) {}
