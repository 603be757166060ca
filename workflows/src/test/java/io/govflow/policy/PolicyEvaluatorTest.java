package io.govflow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.evidence.EvidenceRef;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final PolicyRule DI_MIN = new PolicyRule("post-training-bias.di.min", "Four-fifths rule",
      EvidenceRef.POST_TRAINING_BIAS, "DI", Comparison.AT_LEAST, 0.8, Severity.HIGH);
  private static final PolicyRule DI_MAX = new PolicyRule("post-training-bias.di.max", "Inverse four-fifths rule",
      EvidenceRef.POST_TRAINING_BIAS, "DI", Comparison.AT_MOST, 1.25, Severity.HIGH);
  private static final PolicyRule DPPL = new PolicyRule("post-training-bias.dppl", "Bounded difference in positive "
      + "proportions", EvidenceRef.POST_TRAINING_BIAS, "DPPL", Comparison.ABS_AT_MOST, 0.1, Severity.MEDIUM);
  private static final PolicyRule AUC_MIN = new PolicyRule("model-quality.auc.min", "Discriminates well enough",
      EvidenceRef.MODEL_QUALITY, "auc", Comparison.AT_LEAST, 0.7, Severity.HIGH);
  private static final PolicyRule COMPLETENESS = new PolicyRule("data-statistics.completeness.min", "Few missing "
      + "values", EvidenceRef.DATA_STATISTICS, "completeness", Comparison.AT_LEAST, 0.95, Severity.MEDIUM);

  @Test
  void valueExactlyAtTheThresholdPasses() {
    List<Finding> findings = PolicyEvaluator.evaluate(policy(DI_MIN, DI_MAX), Map.of(
        EvidenceRef.POST_TRAINING_BIAS, postTrainingBias(
            group("personal_status", "female div/dep/mar", "DI", 0.8),
            group("age", "25", "DI", 1.25))));

    assertThat(findings).extracting(Finding::rule, Finding::subject, Finding::measured, Finding::passed)
        .containsExactly(
            tuple("post-training-bias.di.min", "age=25", 1.25, true),
            tuple("post-training-bias.di.min", "personal_status=female div/dep/mar", 0.8,
                true),
            tuple("post-training-bias.di.max", "age=25", 1.25, true),
            tuple("post-training-bias.di.max", "personal_status=female div/dep/mar", 0.8,
                true));
  }

  @Test
  void valueJustBeyondTheThresholdFails() {
    List<Finding> findings = PolicyEvaluator.evaluate(policy(DI_MIN, DI_MAX), Map.of(
        EvidenceRef.POST_TRAINING_BIAS, postTrainingBias(
            group("personal_status", "female div/dep/mar", "DI", 0.7999),
            group("age", "25", "DI", 1.2501))));

    assertThat(findings).extracting(Finding::rule, Finding::subject, Finding::passed).containsExactly(
        tuple("post-training-bias.di.min", "age=25", true),
        tuple("post-training-bias.di.min", "personal_status=female div/dep/mar", false),
        tuple("post-training-bias.di.max", "age=25", false),
        tuple("post-training-bias.di.max", "personal_status=female div/dep/mar", true));
    assertThat(findings.get(1).description()).isEqualTo(
        "Four-fifths rule: DI on personal_status=female div/dep/mar is 0.7999; the rule requires DI at least 0.8.");
  }

  @Test
  void absoluteBoundJudgesNegativeValuesByTheirMagnitude() {
    List<Finding> findings = PolicyEvaluator.evaluate(policy(DPPL), Map.of(
        EvidenceRef.POST_TRAINING_BIAS, postTrainingBias(
            group("age", "25", "DPPL", -0.1),
            group("foreign_worker", "no", "DPPL", -0.1001),
            group("personal_status", "female div/dep/mar", "DPPL", 0.1001))));

    assertThat(findings).extracting(Finding::subject, Finding::measured, Finding::passed).containsExactly(
        tuple("age=25", -0.1, true),
        tuple("foreign_worker=no", -0.1001, false),
        tuple("personal_status=female div/dep/mar", 0.1001, false));
    assertThat(findings.get(1).description()).endsWith("the rule requires |DPPL| at most 0.1.");
  }

  @Test
  void missingEvidenceDocumentGivesOneFailedFindingWithoutValue() {
    List<Finding> findings = PolicyEvaluator.evaluate(policy(AUC_MIN), Map.of());

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("model-quality.auc.min");
      assertThat(finding.subject()).isEqualTo(PolicyEvaluator.NOT_MEASURED);
      assertThat(finding.measured()).isNull();
      assertThat(finding.passed()).isFalse();
      assertThat(finding.threshold()).isEqualTo(0.7);
      assertThat(finding.severity()).isEqualTo(Severity.HIGH);
      assertThat(finding.description()).isEqualTo(
          "Discriminates well enough: no model-quality evidence document was given, so auc at least 0.7 cannot be "
              + "shown.");
    });
  }

  @Test
  void missingMetricGivesOneFailedFindingWithoutValue() {
    List<Finding> findings = PolicyEvaluator.evaluate(policy(AUC_MIN), Map.of(
        EvidenceRef.MODEL_QUALITY, json("{\"binary_classification_metrics\": {\"accuracy\": {\"value\": 0.9}}}")));

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.measured()).isNull();
      assertThat(finding.passed()).isFalse();
      assertThat(finding.description()).contains("the model-quality document has no auc measurement");
    });
  }

  @Test
  void undefinedValueFailsForItsSubjectOnly() {
    List<Finding> findings = PolicyEvaluator.evaluate(policy(DI_MIN), Map.of(
        EvidenceRef.POST_TRAINING_BIAS, postTrainingBias(
            group("foreign_worker", "no", "DI", null),
            group("personal_status", "female div/dep/mar", "DI", 0.93))));

    assertThat(findings).extracting(Finding::subject, Finding::measured, Finding::passed).containsExactly(
        tuple("foreign_worker=no", null, false),
        tuple("personal_status=female div/dep/mar", 0.93, true));
    assertThat(findings.get(0).description()).contains("DI on foreign_worker=no is undefined");
  }

  @Test
  void findingsFollowPolicyRuleOrderThenSubjectWhateverTheDocumentOrder() {
    JsonNode modelQuality = json("{\"binary_classification_metrics\": {\"auc\": {\"value\": 0.81}}}");
    JsonNode statistics = json("""
        {"features": [
          {"name": "savings_status", "string_statistics": {"common": {"num_present": 990, "num_missing": 10}}},
          {"name": "age", "numerical_statistics": {"common": {"num_present": 1000, "num_missing": 0}}}
        ]}""");

    List<Finding> findings = PolicyEvaluator.evaluate(policy(COMPLETENESS, AUC_MIN, DPPL), Map.of(
        EvidenceRef.MODEL_QUALITY, modelQuality, EvidenceRef.DATA_STATISTICS, statistics));

    assertThat(findings).extracting(Finding::rule, Finding::subject, Finding::measured, Finding::passed)
        .containsExactly(
            tuple("data-statistics.completeness.min", "age", 1.0, true),
            tuple("data-statistics.completeness.min", "savings_status", 0.99, true),
            tuple("model-quality.auc.min", "model", 0.81, true),
            tuple("post-training-bias.dppl", PolicyEvaluator.NOT_MEASURED, null, false));
  }

  @Test
  void resultPassesOnlyWhenEveryFindingPassed() {
    PolicyDocument policy = policy(AUC_MIN);
    JsonNode good = json("{\"binary_classification_metrics\": {\"auc\": {\"value\": 0.75}}}");
    JsonNode poor = json("{\"binary_classification_metrics\": {\"auc\": {\"value\": 0.65}}}");

    PolicyResult passing = PolicyEvaluator.result(policy,
        PolicyEvaluator.evaluate(policy, Map.of(EvidenceRef.MODEL_QUALITY, good)), null);
    PolicyResult failing = PolicyEvaluator.result(policy,
        PolicyEvaluator.evaluate(policy, Map.of(EvidenceRef.MODEL_QUALITY, poor)), null);

    assertThat(passing.passed()).isTrue();
    assertThat(passing.tier()).isEqualTo("medium");
    assertThat(passing.policyVersion()).isEqualTo("medium-test");
    assertThat(failing.passed()).isFalse();
    assertThat(failing.findings()).extracting(Finding::measured).containsExactly(0.65);
  }

  private static PolicyDocument policy(PolicyRule... rules) {
    return new PolicyDocument("medium", "medium-test", "test policy", List.of(rules));
  }

  private static String group(String facet, String value, String metric, Double measured) {
    return "\"" + facet + "\": [{\"value_or_threshold\": \"" + value + "\", \"metrics\": [{\"name\": \"" + metric
        + "\", \"description\": \"" + metric + "\", \"value\": " + measured + "}]}]";
  }

  private static JsonNode postTrainingBias(String... facets) {
    return json("{\"post_training_bias_metrics\": {\"label\": \"class\", \"facets\": {" + String.join(", ", facets)
        + "}}}");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
