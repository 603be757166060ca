package io.govflow.monitoring;

/**
 * One violation as Model Monitor reports it: the check type ({@code baseline_drift_check},
 * {@code LessThanThreshold}, ...), what it concerns (a feature, a metric, a facet value), its description, and the
 * name of the report that holds it.
 */
public record MonitoringViolation(
    Monitor monitor, String checkType, String subject, String description, String report) {}
