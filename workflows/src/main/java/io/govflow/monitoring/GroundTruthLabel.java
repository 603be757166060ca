package io.govflow.monitoring;

/** The true label of one answered request, keyed by the eventId of its data capture record. */
public record GroundTruthLabel(String eventId, String label) {}
