package io.govflow.training.local;

/** A model's answer for one row: the predicted label and the probability it gives the favourable label. */
public record ScoredRow(String predictedLabel, double favourableProbability) {}
