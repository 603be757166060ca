package io.govflow.training.local;

import io.govflow.evaluation.metrics.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded, stratified train/test split: each class gives the same share of its rows to the test split, so both
 * splits keep the data's class balance. Rows without a label can neither train nor test a model and are left out.
 */
public record TrainTestSplit(Table train, Table test) {

  /** The share of each class held out for model evaluation (step 6), on every provider. */
  public static final double TEST_FRACTION = 0.3;

  public static TrainTestSplit stratified(Table table, String label, double testFraction, long seed) {
    Map<String, List<Integer>> rowsByClass = new TreeMap<>();
    for (int row = 0; row < table.rowCount(); row++) {
      String value = table.value(row, label);
      if (!Table.isMissing(value)) {
        rowsByClass.computeIfAbsent(value, v -> new ArrayList<>()).add(row);
      }
    }
    Random random = new Random(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (List<Integer> rows : rowsByClass.values()) {
      Collections.shuffle(rows, random);
      int testRows = (int) Math.round(testFraction * rows.size());
      test.addAll(rows.subList(0, testRows));
      train.addAll(rows.subList(testRows, rows.size()));
    }
    // Original order, so that a split file reads like the dataset it came from.
    Collections.sort(train);
    Collections.sort(test);
    return new TrainTestSplit(table.select(train), table.select(test));
  }
}
