package io.govflow.evaluation.metrics;

import io.govflow.usecase.ProtectedFacet;
import java.util.List;
import java.util.Set;

/**
 * A protected facet as Clarify splits a table by it: the sensitive group d is the rows whose value is one of the
 * facet's values, or, for a threshold, is greater than it; every other row with a value is in group a.
 */
public final class Facet {

  private final String column;
  private final Set<String> values;
  private final Double threshold;

  private Facet(String column, Set<String> values, Double threshold) {
    this.column = column;
    this.values = values;
    this.threshold = threshold;
  }

  public static Facet of(ProtectedFacet facet) {
    boolean hasValues = facet.values() != null && !facet.values().isEmpty();
    if (hasValues == (facet.threshold() != null)) {
      throw new IllegalArgumentException(
          "facet '" + facet.column() + "' must set exactly one of values and threshold");
    }
    return hasValues
        ? new Facet(facet.column(), Set.copyOf(facet.values()), null)
        : new Facet(facet.column(), null, facet.threshold());
  }

  public String column() {
    return column;
  }

  /** As analysis.json names the group: the values joined by commas, or the threshold. */
  public String valueOrThreshold() {
    return values != null ? String.join(",", values.stream().sorted().toList()) : DataProfiler.plain(threshold);
  }

  /** Per row: true for group d, false for group a, null where the facet's value is missing. */
  public Boolean[] sensitive(Table table) {
    List<String> cells = table.column(column);
    Boolean[] sensitive = new Boolean[cells.size()];
    for (int row = 0; row < sensitive.length; row++) {
      String cell = cells.get(row);
      if (!Table.isMissing(cell)) {
        sensitive[row] = values != null ? values.contains(cell) : Double.parseDouble(cell) > threshold;
      }
    }
    return sensitive;
  }
}
