package io.govflow.policy;

/**
 * The outcome of one rule on one subject: the rule, the evidence document, what was measured ({@code subject} is the
 * facet value, feature or "model"), the threshold, the measured value (null when the evidence lacks it) and whether
 * it passed.
 */
public record Finding(
    String rule,
    String description,
    String evidence,
    String metric,
    String subject,
    Comparison comparison,
    double threshold,
    Double measured,
    boolean passed,
    Severity severity) {}
