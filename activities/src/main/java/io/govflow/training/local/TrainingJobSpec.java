package io.govflow.training.local;

import io.govflow.usecase.Dataset;

/**
 * A local training job as {@code startTraining} recorded it. {@code awaitTraining} trains what the spec says, so a
 * job keeps the data and seed it was started with, as a cloud training job does.
 */
public record TrainingJobSpec(
    String jobName,
    String useCaseId,
    String modelVersionId,
    Dataset dataset,
    long seed,
    double testFraction,
    String algorithm) {}
