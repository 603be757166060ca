package io.govflow.training;

import io.govflow.modelversion.ModelVersionStatus;

/** A model version registered in the model package group, pending approval. */
public record CandidateModel(
    String modelPackageId,
    String modelPackageGroup,
    String modelLocation,
    String testDataLocation,
    ModelVersionStatus status) {}
