package io.govflow.policy;

/**
 * One value read from an evidence document: {@code subject} is what it was measured on ("personal_status=female
 * div/dep/mar", a feature name, "model", "label", "training"); {@code value} is null where the document says the
 * metric is undefined (for example a division by zero).
 */
public record Measurement(String evidence, String subject, String metric, Double value) {}
