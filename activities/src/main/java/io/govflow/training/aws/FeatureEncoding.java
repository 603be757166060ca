package io.govflow.training.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.govflow.common.DataProblem;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a CSV row of the use case's data becomes a row SageMaker's built-in XGBoost reads: no header, every value a
 * number, and for training the label first, 1 for the favourable label and 0 for any other. A numeric column is
 * passed through; a text column is one-hot encoded, one 0/1 column per category seen in the training split, in
 * sorted order, so a category never seen in training (or a missing value) is all zeros. One-hot rather than ordinal
 * codes: the categories of credit data (purpose, housing, job) have no order a tree should split along, and one
 * column per category keeps feature importance readable. A missing numeric value is an empty cell, which XGBoost's
 * CSV reader takes as missing.
 *
 * <p>The encoding is fitted once, on the training split, and kept as the model version's {@value #EVIDENCE_NAME}
 * document, so that batch transform and endpoint inputs are encoded exactly as the model was trained.
 *
 * @param unfavourableLabel the label a prediction of 0 stands for: the most frequent other class of the training split
 *     (of equally frequent ones, the first by name)
 * @param features the dataset's columns but the label, in the dataset's order
 */
public record FeatureEncoding(String label, String favourableLabel, String unfavourableLabel, List<Feature> features) {

  /** The evidence name of the document, kept under {@link ArtifactStore#evidenceKey}. */
  public static final String EVIDENCE_NAME = "feature-encoding";

  /** A column of the dataset: numeric when {@code categories} is null, else one-hot over the categories. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Feature(String column, List<String> categories) {

    boolean isNumeric() {
      return categories == null;
    }
  }

  public FeatureEncoding {
    features = List.copyOf(features);
  }

  /** The encoding of {@code train}, whose label column holds the favourable label and at least one other class. */
  public static FeatureEncoding fit(Table train, String label, String favourableLabel) {
    List<Feature> features = new ArrayList<>();
    for (String column : train.columns()) {
      if (column.equals(label)) {
        continue;
      }
      features.add(train.type(column).isNumeric()
          ? new Feature(column, null)
          : new Feature(column, train.column(column).stream().filter(v -> !Table.isMissing(v)).distinct().sorted()
              .toList()));
    }
    Map<String, Long> others = train.column(label).stream()
        .filter(v -> !Table.isMissing(v) && !v.equals(favourableLabel))
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    // Sorted by name, and max keeps the first of equals: a tie goes to the first name.
    String unfavourable = others.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElseThrow(() -> new IllegalArgumentException("the training split has no class other than '"
            + favourableLabel + "' in column '" + label + "'"));
    return new FeatureEncoding(label, favourableLabel, unfavourable, features);
  }

  /** The encoding training stored for a model version; a missing or unreadable one is a non-retryable failure. */
  public static FeatureEncoding read(ArtifactStore store, String useCaseId, String modelVersionId) {
    String location = store.locationOf(ArtifactStore.evidenceKey(useCaseId, modelVersionId, EVIDENCE_NAME));
    try {
      return EvidenceJson.read(store.get(location), FeatureEncoding.class);
    } catch (ArtifactNotFoundException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("no feature encoding at " + location + ": the model "
          + "version was not trained on the aws provider; train it again", e);
    } catch (IllegalArgumentException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure(location + " is not a feature encoding ("
          + e.getMessage() + "): train the model version again", e);
    }
  }

  /** Stores this encoding as the model version's {@value #EVIDENCE_NAME} document. */
  public EvidenceRef store(ArtifactStore store, String useCaseId, String modelVersionId) {
    return store.putEvidence(useCaseId, modelVersionId, EVIDENCE_NAME, EvidenceJson.write(this));
  }

  /** The names of the encoded columns, in order: a numeric column's own name, {@code column=category} for one-hot. */
  public List<String> encodedColumns() {
    List<String> columns = new ArrayList<>();
    for (Feature feature : features) {
      if (feature.isNumeric()) {
        columns.add(feature.column());
      } else {
        feature.categories().forEach(category -> columns.add(feature.column() + "=" + category));
      }
    }
    return columns;
  }

  /**
   * A label as the aws provider's model learns it and Model Monitor's binary model-quality job compares it: {@code 1}
   * for the favourable label, {@code 0} for any other, matched exactly as the dataset writes it.
   */
  public static String binaryLabel(String label, String favourableLabel) {
    return label.equals(favourableLabel) ? "1" : "0";
  }

  /** The rows that have a label, label first (1 favourable, 0 not), as headerless CSV for a training channel. */
  public byte[] trainingCsv(Table table) {
    StringBuilder csv = new StringBuilder();
    for (int row = 0; row < table.rowCount(); row++) {
      String observed = table.value(row, label);
      if (!Table.isMissing(observed)) {
        csv.append(binaryLabel(observed, favourableLabel));
        appendFeatures(csv.append(','), table.row(row));
        csv.append('\n');
      }
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Every row's features alone, as headerless CSV: the input of a batch transform or an endpoint, one per row. */
  public byte[] featuresCsv(Table table) {
    StringBuilder csv = new StringBuilder();
    for (int row = 0; row < table.rowCount(); row++) {
      appendFeatures(csv, table.row(row));
      csv.append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void appendFeatures(StringBuilder csv, Map<String, String> row) {
    boolean first = true;
    for (Feature feature : features) {
      String value = row.get(feature.column());
      if (value == null) {
        throw new IllegalArgumentException("the row has no column '" + feature.column() + "' the model was trained on");
      }
      if (feature.isNumeric()) {
        first = separate(csv, first);
        csv.append(Table.isMissing(value) ? "" : value);
      } else {
        for (String category : feature.categories()) {
          first = separate(csv, first);
          csv.append(category.equals(value) ? '1' : '0');
        }
      }
    }
  }

  private static boolean separate(StringBuilder csv, boolean first) {
    if (!first) {
      csv.append(',');
    }
    return false;
  }
}
