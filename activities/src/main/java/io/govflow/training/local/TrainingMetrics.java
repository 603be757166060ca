package io.govflow.training.local;

import java.util.Map;

/**
 * The {@code training-metrics} document: the job, the learner and its seed, and {@code metrics} by name
 * ({@code train_accuracy}, {@code train_rows}, {@code test_rows}).
 */
public record TrainingMetrics(String jobName, String algorithm, long seed, Map<String, Double> metrics) {}
