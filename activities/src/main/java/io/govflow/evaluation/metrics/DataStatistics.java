package io.govflow.evaluation.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The {@code data-statistics} document: Model Monitor's statistics.json ({@code version}, {@code dataset},
 * {@code features}) plus govflow's {@code label} section (class balance) and {@code quality_checks} (what a person
 * should look at before training on the data). Standard deviations are of the population, as Deequ computes them.
 */
public record DataStatistics(
    double version, DatasetSize dataset, List<Feature> features, Label label, List<QualityCheck> qualityChecks) {

  /** One column: numerical statistics for an Integral or Fractional column, string statistics otherwise. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Feature(
      String name,
      ColumnType inferredType,
      NumericalStatistics numericalStatistics,
      StringStatistics stringStatistics) {}

  public record Common(long numPresent, long numMissing) {}

  /** Mean, sum, standard deviation, min and max are null when the column has no present value. */
  public record NumericalStatistics(
      Common common, Double mean, Double sum, Double stdDev, Double min, Double max, long numZero) {}

  /** {@code distribution} is null for a column of too many distinct values to list (see ColumnProfile). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StringStatistics(Common common, long distinctCount, Distribution distribution) {}

  public record Distribution(Categorical categorical) {}

  public record Categorical(List<Bucket> buckets) {}

  public record Bucket(String value, long count) {}

  /**
   * The label's classes: {@code metrics} holds {@code favourable_fraction} and {@code minority_class_fraction}
   * (null when fewer than two classes are present) for the governance policy to judge.
   */
  public record Label(
      String name, String favourableLabel, Map<String, Long> classCounts, Map<String, Double> metrics) {}

  /** A finding about the data: {@code check} is a stable name, {@code message} says what is wrong and what to do. */
  public record QualityCheck(String check, String feature, String message) {}

  public static final String MISSING_VALUES = "missing_values";
  public static final String ZERO_VALUES = "zero_values";
  public static final String CLASS_IMBALANCE = "class_imbalance";
  public static final String SINGLE_CLASS = "single_class";
}
