package io.govflow.training;

import io.govflow.usecase.Dataset;

/**
 * What step 5 trains: the job name is derived from the workflow ({@code gf-<useCase>-v<n>-train}) so a retry finds
 * the same job; {@code seed} fixes the train/test split and the learner.
 */
public record TrainingRequest(
    String useCaseId, String modelVersionId, String jobName, Dataset dataset, long seed, String modelPackageGroup) {}
