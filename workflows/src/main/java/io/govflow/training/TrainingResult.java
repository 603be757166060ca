package io.govflow.training;

import io.govflow.evidence.EvidenceRef;
import java.util.Map;

/**
 * A finished training job: where the model file is, where the held-out test split is (model evaluation reads it),
 * training metrics by name, and the training-metrics evidence document.
 */
public record TrainingResult(
    String jobName,
    String modelLocation,
    String testDataLocation,
    Map<String, Double> metrics,
    EvidenceRef trainingMetrics) {}
