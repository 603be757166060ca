package io.govflow.training.local;

import io.govflow.evaluation.metrics.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.transform.Transformation;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * How a CSV row becomes model features, the one place training and prediction share: a numeric column is one real
 * feature named after it, standardised by the model; a text column is one-hot, a feature {@code column=value} set
 * to 1. A missing value adds no feature, which after standardisation reads as the column's mean; a category never
 * seen in training likewise adds nothing the model knows. Every row also has the constant feature
 * {@value #INTERCEPT}, so that a row of nothing known still scores (as the model's base rate) instead of failing.
 */
public record RowEncoding(
    String label, String favourableLabel, List<String> numericColumns, List<String> categoricalColumns) {

  static final String INTERCEPT = "(intercept)";

  public RowEncoding {
    numericColumns = List.copyOf(numericColumns);
    categoricalColumns = List.copyOf(categoricalColumns);
  }

  /** Every column but the label is a feature, numeric or categorical as the table's inferred type says. */
  public static RowEncoding of(Table table, String label, String favourableLabel) {
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (String column : table.columns()) {
      if (!column.equals(label)) {
        (table.type(column).isNumeric() ? numeric : categorical).add(column);
      }
    }
    return new RowEncoding(label, favourableLabel, numeric, categorical);
  }

  /**
   * This encoding without the numeric columns that take fewer than two values over {@code rows}: a constant has no
   * standard deviation to scale by (Tribuo would divide by zero) and tells the model nothing.
   */
  RowEncoding fittedTo(Table rows) {
    List<String> varying = numericColumns.stream()
        .filter(column -> rows.column(column).stream().filter(v -> !Table.isMissing(v))
            .map(Double::parseDouble).distinct().limit(2).count() == 2)
        .toList();
    return new RowEncoding(label, favourableLabel, varying, categoricalColumns);
  }

  Example<Label> example(Map<String, String> row, Label output) {
    List<String> names = new ArrayList<>(List.of(INTERCEPT));
    List<Double> values = new ArrayList<>(List.of(1.0));
    for (String column : numericColumns) {
      String value = row.get(column);
      if (!Table.isMissing(value)) {
        names.add(column);
        values.add(parseNumber(column, value));
      }
    }
    for (String column : categoricalColumns) {
      String value = row.get(column);
      if (!Table.isMissing(value)) {
        names.add(column + "=" + value.strip());
        values.add(1.0);
      }
    }
    return new ArrayExample<>(output, names.toArray(String[]::new), values.stream().mapToDouble(d -> d).toArray());
  }

  /** Standardisation of every numeric feature to mean 0 and standard deviation 1, fitted on the training rows. */
  Map<String, List<Transformation>> standardisation() {
    Map<String, List<Transformation>> transformations = new HashMap<>();
    numericColumns.forEach(column -> transformations.put(column, List.of(new MeanStdDevTransformation())));
    return transformations;
  }

  private static double parseNumber(String column, String value) {
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("column '" + column + "' is numeric but the row has '" + value + "'", e);
    }
  }
}
