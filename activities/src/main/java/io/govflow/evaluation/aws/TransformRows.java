package io.govflow.evaluation.aws;

import io.govflow.evaluation.metrics.Table;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rows step 6 asks the model about, gathered into one batch transform: each distinct row once, as the CSV line a
 * caller would send (the features, in order, headerless), in the order first asked. Permutation importance asks about
 * the test rows with one feature shuffled at a time; gathering all of those first lets one transform job answer the
 * whole evaluation, instead of a job per shuffle. The model is deterministic, so a row asked twice has one answer.
 */
final class TransformRows {

  private final List<String> features;
  private final Map<String, Integer> index = new LinkedHashMap<>();
  private double[] probabilities;

  TransformRows(List<String> features) {
    this.features = List.copyOf(features);
  }

  /** Adds the row to the transform's input unless it is there already. */
  void ask(Map<String, String> row) {
    index.putIfAbsent(line(row), index.size());
  }

  int size() {
    return index.size();
  }

  /** The transform's input: one line per distinct row. */
  byte[] csv() {
    return index.keySet().stream().collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.UTF_8);
  }

  /** The transform's answers, one per line of {@link #csv()}, in its order. */
  void answer(double[] answers) {
    if (answers.length != index.size()) {
      throw new IllegalArgumentException(answers.length + " answers for " + index.size() + " rows");
    }
    probabilities = answers.clone();
  }

  /** The answer to a row that was asked. */
  double probability(Map<String, String> row) {
    Integer at = index.get(line(row));
    if (probabilities == null || at == null) {
      throw new IllegalStateException("the row " + line(row) + " was not in the transform's input");
    }
    return probabilities[at];
  }

  private String line(Map<String, String> row) {
    return Table.csvLine(row, features);
  }
}
