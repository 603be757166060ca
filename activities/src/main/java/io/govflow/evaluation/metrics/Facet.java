package io.govflow.evaluation.metrics;

import io.govflow.usecase.ProtectedFacet;

/**
 * A protected facet as Clarify splits a table by it: the sensitive group d is the rows whose value is one of the
 * facet's values, or, for a threshold, is greater than it; every other row with a value is in group a.
 */
public final class Facet {

  private final ValuesOrThreshold split;

  private Facet(ValuesOrThreshold split) {
    this.split = split;
  }

  public static Facet of(ProtectedFacet facet) {
    return new Facet(new ValuesOrThreshold(facet.column(), facet.values(), facet.threshold()));
  }

  public String column() {
    return split.column();
  }

  /**
   * As Clarify's analysis.json names the group: the values joined by commas in the order given, or the interval
   * above the threshold, {@code "(25, 75]"}.
   */
  public String valueOrThreshold(Table table) {
    return split.describe(table);
  }

  /** Per row: true for group d, false for group a, null where the facet's value is missing. */
  public Boolean[] sensitive(Table table) {
    return split.split(table.column(split.column()));
  }
}
