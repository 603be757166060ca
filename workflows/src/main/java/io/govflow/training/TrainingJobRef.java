package io.govflow.training;

/** A submitted training job. */
public record TrainingJobRef(String jobName, String location) {}
