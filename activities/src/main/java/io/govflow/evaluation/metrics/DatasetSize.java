package io.govflow.evaluation.metrics;

/** Model Monitor's {@code dataset} section: how many rows a report was computed on. */
public record DatasetSize(long itemCount) {}
