package io.govflow.evaluation.metrics;

import static io.govflow.evaluation.metrics.BinaryClassificationTest.ACTUAL;
import static io.govflow.evaluation.metrics.BinaryClassificationTest.PREDICTED;
import static io.govflow.evaluation.metrics.BinaryClassificationTest.P_GOOD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.evaluation.metrics.ModelQualityConstraints.ComparisonOperator;
import io.govflow.evaluation.metrics.ModelQualityConstraints.Constraint;
import io.govflow.evaluation.metrics.ModelQualityViolations.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelQualityMonitorTest {

  static final ModelQuality BASELINE = BinaryClassification.evaluate("class", "good", ACTUAL, PREDICTED, P_GOOD);

  @Test
  void suggestedConstraintsSitAtTheBaselineOnTheWorseSide() throws IOException {
    ModelQualityConstraints constraints = ModelQualityMonitor.suggestConstraints(BASELINE, 0);

    // accuracy 6/8, false positive rate 1/4 (see BinaryClassificationTest)
    assertThat(constraints.binaryClassificationConstraints()).containsEntry("accuracy",
        new Constraint(0.75, ComparisonOperator.LESS_THAN_THRESHOLD)).containsEntry("false_positive_rate",
        new Constraint(0.25, ComparisonOperator.GREATER_THAN_THRESHOLD)).hasSize(9);
    JsonNode json = new ObjectMapper().readTree(EvidenceJson.write(constraints));
    assertThat(json.path("version").asDouble()).isZero();
    assertThat(json.at("/binary_classification_constraints/auc/comparison_operator").asText())
        .isEqualTo("LessThanThreshold");
    assertThat(json.at("/binary_classification_constraints/false_negative_rate/comparison_operator").asText())
        .isEqualTo("GreaterThanThreshold");
    assertThat(EvidenceJson.read(EvidenceJson.write(constraints), ModelQualityConstraints.class))
        .isEqualTo(constraints);
  }

  @Test
  void anAllowanceOfStandardDeviationsMovesEachThresholdToTheWorseSide() {
    ModelQualityConstraints loose = ModelQualityMonitor.suggestConstraints(BASELINE, 2);

    double accuracySd = BASELINE.binaryClassificationMetrics().accuracy().standardDeviation();
    double fprSd = BASELINE.binaryClassificationMetrics().falsePositiveRate().standardDeviation();
    assertThat(loose.binaryClassificationConstraints().get("accuracy").threshold()).isEqualTo(0.75 - 2 * accuracySd);
    assertThat(loose.binaryClassificationConstraints().get("false_positive_rate").threshold())
        .isEqualTo(0.25 + 2 * fprSd);
  }

  @Test
  void monitorsAllowEachMetricThreeBootstrapDeviationsOnTheWorseSide() {
    ModelQualityConstraints monitored =
        ModelQualityMonitor.suggestConstraints(BASELINE, ModelQualityMonitor.MONITORING_STANDARD_DEVIATIONS);

    double accuracySd = BASELINE.binaryClassificationMetrics().accuracy().standardDeviation();
    assertThat(monitored.binaryClassificationConstraints()).containsEntry("accuracy",
        new Constraint(0.75 - 3 * accuracySd, ComparisonOperator.LESS_THAN_THRESHOLD));
    assertThat(ModelQualityMonitor.check(BASELINE, monitored).violations()).isEmpty();
  }

  @Test
  void worsePredictionsBreakTheirConstraintsInModelMonitorsWords() throws IOException {
    ModelQualityConstraints constraints = ModelQualityMonitor.suggestConstraints(BASELINE, 0);
    // rows 3 and 5 (already wrong) stay wrong, rows 1 and 6 turn wrong: accuracy 4/8
    List<String> worse = List.of("bad", "good", "bad", "good", "good", "good", "bad", "bad");

    ModelQualityMonitor.Result run =
        ModelQualityMonitor.run("class", "good", ACTUAL, worse, P_GOOD, constraints);

    assertThat(ModelQualityMonitor.check(BASELINE, constraints).violations()).isEmpty();
    assertThat(run.violations().violations()).extracting(Violation::metricName, Violation::constraintCheckType)
        .contains(tuple("accuracy", "LessThanThreshold"), tuple("false_positive_rate", "GreaterThanThreshold"))
        .doesNotContain(tuple("auc", "LessThanThreshold"));
    assertThat(run.violations().violations()).filteredOn(v -> v.metricName().equals("accuracy")).singleElement()
        .extracting(Violation::description).isEqualTo("Metric accuracy with 0.5 was LessThanThreshold 0.75");
    JsonNode json = new ObjectMapper().readTree(EvidenceJson.write(run.violations()));
    assertThat(json.at("/violations/0").fieldNames()).toIterable()
        .containsExactly("metric_name", "constraint_check_type", "description");
  }

  @Test
  void modelMonitorsOwnConstraintsFileIsReadAndAnUndefinedMetricBreaksItsConstraint() {
    String modelMonitors = """
        {"version": 0.0, "binary_classification_constraints": {
          "accuracy": {"threshold": 0.7, "comparison_operator": "LessThanThreshold"},
          "precision": {"threshold": 0.5, "comparison_operator": "LessThanOrEqualToThreshold"},
          "f2": {"threshold": 0.6, "comparison_operator": "LessThanThreshold"}}}""";
    ModelQualityConstraints constraints =
        EvidenceJson.read(modelMonitors.getBytes(StandardCharsets.UTF_8), ModelQualityConstraints.class);
    List<String> allBad = List.of("bad", "bad", "bad", "bad", "bad", "bad", "bad", "bad");

    List<Violation> violations =
        ModelQualityMonitor.run("class", "good", ACTUAL, allBad, P_GOOD, constraints).violations().violations();

    // accuracy 4/8 < 0.7; precision has no positive prediction to divide by; f2 is not computed by govflow
    assertThat(violations).extracting(Violation::metricName).containsExactlyInAnyOrder("accuracy", "precision", "f2");
    assertThat(violations).filteredOn(v -> v.metricName().equals("precision")).singleElement()
        .extracting(Violation::description).asString().contains("not defined on the current data");
    assertThat(constraints.binaryClassificationConstraints()).containsEntry("precision",
        new Constraint(0.5, ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD));
    assertThat(constraints.binaryClassificationConstraints()).hasSize(3);
  }
}
