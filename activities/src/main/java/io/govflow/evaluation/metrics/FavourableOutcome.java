package io.govflow.evaluation.metrics;

import java.util.List;

/**
 * Clarify's {@code label} and {@code label_values_or_threshold}: the label column and which of its values are the
 * favourable outcome, either a list of values or, for a numeric label, everything above {@code threshold}. Clarify
 * collapses every label to favourable or not before measuring; predicted labels are collapsed the same way.
 */
public record FavourableOutcome(String label, List<String> values, Double threshold) {

  public FavourableOutcome {
    new ValuesOrThreshold(label, values, threshold); // refuses neither or both
    values = values == null ? null : List.copyOf(values);
  }

  /** The common case: one favourable label value, such as {@code class = good}. */
  public static FavourableOutcome of(String label, String favourableValue) {
    return new FavourableOutcome(label, List.of(favourableValue), null);
  }

  ValuesOrThreshold split() {
    return new ValuesOrThreshold(label, values, threshold);
  }
}
