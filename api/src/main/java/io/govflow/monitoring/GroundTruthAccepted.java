package io.govflow.monitoring;

/** An accepted upload: the next monitoring runs compare its labels with the predictions captured for them. */
public record GroundTruthAccepted(String useCaseId, String uploadId, int labels) {}
