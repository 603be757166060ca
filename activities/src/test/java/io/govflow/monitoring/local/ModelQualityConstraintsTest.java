package io.govflow.monitoring.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.govflow.evaluation.metrics.BinaryClassification;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.ModelQuality;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelQualityConstraintsTest {

  // 8 rows: 3 true positives, 1 false negative, 1 false positive, 3 true negatives
  static final List<String> ACTUAL = List.of("good", "good", "good", "good", "bad", "bad", "bad", "bad");
  static final List<String> PREDICTED = List.of("good", "good", "good", "bad", "good", "bad", "bad", "bad");
  static final double[] SCORES = {0.9, 0.8, 0.7, 0.4, 0.6, 0.3, 0.2, 0.1};

  @Test
  void eachMetricMayFallThreeBootstrapDeviationsBelowItsEvaluatedValue() {
    ModelQuality evaluated = BinaryClassification.evaluate("class", "good", ACTUAL, PREDICTED, SCORES);

    ModelQualityConstraints constraints = ModelQualityConstraints.suggestedFrom(evaluated);

    var accuracy = evaluated.binaryClassificationMetrics().accuracy();
    assertThat(constraints.binaryClassificationConstraints()).containsOnlyKeys("accuracy", "auc", "f1", "precision",
        "recall");
    assertThat(constraints.binaryClassificationConstraints().get("accuracy")).isEqualTo(
        new ModelQualityConstraints.Threshold(0.75 - 3 * accuracy.standardDeviation(), "LessThanThreshold"));
    assertThat(new String(EvidenceJson.write(constraints))).contains("\"binary_classification_constraints\"")
        .contains("\"comparison_operator\" : \"LessThanThreshold\"");
  }

  @Test
  void aRunBelowAThresholdBreaksItAsModelMonitorWritesIt() {
    ModelQualityConstraints constraints = new ModelQualityConstraints(0.0, Map.of(
        "accuracy", new ModelQualityConstraints.Threshold(0.8, "LessThanThreshold"),
        "recall", new ModelQualityConstraints.Threshold(0.5, "LessThanThreshold")));

    ModelQualityConstraints.Violations violations =
        constraints.check(BinaryClassification.evaluate("class", "good", ACTUAL, PREDICTED, SCORES));

    assertThat(violations.violations())
        .extracting(ModelQualityConstraints.Violation::metricName,
            ModelQualityConstraints.Violation::constraintCheckType)
        .containsExactly(tuple("accuracy", "LessThanThreshold"));
    assertThat(violations.violations().get(0).description()).matches(
        "Metric accuracy with 0\\.7500 \\+/- 0\\.\\d{4} was LessThanThreshold '0\\.8000'");
  }
}
