package io.govflow.usecase;

/**
 * The training data of a use case: a CSV with a header row ({@code location} is a path or URI the provider reads),
 * the label column and the label value that is the favourable outcome (for example {@code class = good}).
 */
public record Dataset(String location, String label, String favourableLabel) {}
