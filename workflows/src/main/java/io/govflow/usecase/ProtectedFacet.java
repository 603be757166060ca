package io.govflow.usecase;

import java.util.List;

/**
 * A protected attribute whose groups bias metrics compare. The sensitive group (Clarify's facet d) is the rows whose
 * {@code column} equals one of {@code values}, or, for a numeric column, is greater than {@code threshold}.
 * Exactly one of values and threshold is set.
 */
public record ProtectedFacet(String column, List<String> values, Double threshold) {}
