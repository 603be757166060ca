package io.govflow.policy;

/**
 * One rule of a risk tier's policy, as data: the metric {@code metric} of evidence document {@code evidence}, on every
 * subject it is measured for (each facet value, each feature, or the model), compared with {@code threshold}.
 */
public record PolicyRule(
    String id, String description, String evidence, String metric, Comparison comparison, double threshold,
    Severity severity) {}
