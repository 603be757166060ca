package io.govflow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.usecase.RiskLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyLibraryTest {

  private final PolicyLibrary shipped = new PolicyLibrary();

  @ParameterizedTest
  @EnumSource(RiskLevel.class)
  void shippedPolicyLoadsAndValidates(RiskLevel risk) {
    PolicyDocument policy = shipped.forTier(risk);

    String tier = risk.name().toLowerCase();
    assertThat(policy.tier()).isEqualTo(tier);
    assertThat(policy.version()).isEqualTo(tier + (risk == RiskLevel.HIGH ? "-2026.2" : "-2026.1"));
    assertThat(policy.rules()).extracting(PolicyRule::id).containsExactly(
        "model-quality.auc.min", "model-quality.accuracy.min", "model-quality.recall.min",
        "post-training-bias.dppl.max", "post-training-bias.di.min", "post-training-bias.di.max",
        "pre-training-bias.ci.max", "data-statistics.completeness.min", "data-statistics.minority-class.min");
    assertThat(policy.rules()).allSatisfy(rule -> assertThat(rule.description()).isNotBlank());
  }

  @Test
  void disparateImpactKeepsTheFourFifthsRuleAtEveryTier() {
    for (PolicyDocument policy : shipped.all().values()) {
      Map<String, PolicyRule> rules = byId(policy);
      assertThat(rules.get("post-training-bias.di.min").threshold()).isGreaterThanOrEqualTo(0.8);
      assertThat(rules.get("post-training-bias.di.max").threshold()).isLessThanOrEqualTo(1.25);
    }
  }

  @Test
  void everyRuleIsAtLeastAsStrictAsTheTierBelow() {
    List<Map<String, PolicyRule>> tiers = List.of(byId(shipped.forTier(RiskLevel.LOW)),
        byId(shipped.forTier(RiskLevel.MEDIUM)), byId(shipped.forTier(RiskLevel.HIGH)));
    for (int i = 1; i < tiers.size(); i++) {
      Map<String, PolicyRule> lower = tiers.get(i - 1);
      for (PolicyRule rule : tiers.get(i).values()) {
        double below = lower.get(rule.id()).threshold();
        if (rule.comparison() == Comparison.AT_LEAST) {
          assertThat(rule.threshold()).as(rule.id()).isGreaterThanOrEqualTo(below);
        } else {
          assertThat(rule.threshold()).as(rule.id()).isLessThanOrEqualTo(below);
        }
      }
    }
    assertThat(tiers.get(2).get("model-quality.auc.min").threshold())
        .isGreaterThan(tiers.get(0).get("model-quality.auc.min").threshold());
  }

  @Test
  void overrideFolderReplacesOnlyTheTierItHolds(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("high.json"), """
        {"tier": "high", "version": "high-2026.2-bank", "description": "Bank's own high-risk policy",
         "rules": [{"id": "model-quality.auc.min", "description": "Strong separation", "evidence": "model-quality",
                    "metric": "auc", "comparison": "AT_LEAST", "threshold": 0.85, "severity": "HIGH"}]}
        """);
    PolicyLibrary library = new PolicyLibrary(folder);

    assertThat(library.forTier(RiskLevel.HIGH).version()).isEqualTo("high-2026.2-bank");
    assertThat(library.forTier(RiskLevel.HIGH).rules()).singleElement()
        .extracting(PolicyRule::threshold).isEqualTo(0.85);
    assertThat(library.forTier(RiskLevel.LOW).version()).isEqualTo("low-2026.1");
  }

  @Test
  void unknownComparisonIsRejectedNamingTheRuleAndTheAllowedValues() {
    String document = rulesDocument("""
        {"id": "model-quality.auc.min", "description": "Strong separation", "evidence": "model-quality",
         "metric": "auc", "comparison": "GREATER_THAN", "threshold": 0.8, "severity": "HIGH"}""");

    assertThatThrownBy(() -> shipped.parse("high.json", "high", document))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("policy high.json is invalid: rules[0] (model-quality.auc.min): comparison \"GREATER_THAN\" is "
            + "not one of AT_LEAST, AT_MOST, ABS_AT_MOST");
  }

  @Test
  void missingThresholdIsRejectedRatherThanReadAsZero() {
    String document = rulesDocument("""
        {"id": "post-training-bias.dppl.max", "description": "Small differences", "evidence": "post-training-bias",
         "metric": "DPPL", "comparison": "ABS_AT_MOST", "treshold": 0.1, "severity": "HIGH"}""");

    assertThatThrownBy(() -> shipped.parse("high.json", "high", document))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("rules[0] (post-training-bias.dppl.max): unknown field \"treshold\"")
        .hasMessageContaining("rules[0] (post-training-bias.dppl.max): threshold is missing");
  }

  @Test
  void everyProblemOfADocumentIsReportedAtOnce() {
    String document = """
        {"tier": "medium", "version": " ", "description": "x", "rules": [
          {"id": "a", "description": "x", "evidence": "model-quality", "metric": "auc", "comparison": "AT_LEAST",
           "threshold": "high", "severity": "HIGH"},
          {"id": "a", "description": "x", "evidence": "model-card", "metric": "auc", "comparison": "AT_LEAST",
           "threshold": 0.5, "severity": "CRITICAL"},
          {"id": "c", "description": "x", "evidence": "post-training-bias", "metric": "DPPL",
           "comparison": "ABS_AT_MOST", "threshold": -0.1, "severity": "LOW"}
        ]}""";

    assertThatThrownBy(() -> shipped.parse("high.json", "high", document))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("tier is \"medium\" but this is the high policy")
        .hasMessageContaining("version must be a non-blank string")
        .hasMessageContaining("rules[0] (a): threshold must be a number, not \"high\"")
        .hasMessageContaining("rules[1] (a): id is used by an earlier rule")
        .hasMessageContaining("rules[1] (a): evidence \"model-card\" is not one of")
        .hasMessageContaining("rules[1] (a): severity \"CRITICAL\" is not one of LOW, MEDIUM, HIGH")
        .hasMessageContaining("rules[2] (c): threshold of an ABS_AT_MOST rule must not be negative");
  }

  @Test
  void policyWithoutRulesOrNotJsonIsRejected() {
    assertThatThrownBy(() -> shipped.parse("low.json", "low",
        "{\"tier\": \"low\", \"version\": \"low-1\", \"description\": \"x\", \"rules\": []}"))
        .hasMessage("policy low.json is invalid: rules must be a non-empty array");
    assertThatThrownBy(() -> shipped.parse("low.json", "low", "{\"tier\": \"low\","))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageStartingWith("policy low.json is invalid: not valid JSON");
  }

  @Test
  void malformedOverrideFailsTheTierWithTheFileName(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("medium.json"), rulesDocument("{\"id\": \"x\"}"));

    assertThatThrownBy(() -> new PolicyLibrary(folder).forTier(RiskLevel.MEDIUM))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageStartingWith("policy " + folder.resolve("medium.json").toAbsolutePath() + " is invalid")
        .hasMessageContaining("rules[0] (x): description is missing");
  }

  private static String rulesDocument(String rule) {
    return "{\"tier\": \"high\", \"version\": \"high-test\", \"description\": \"test\", \"rules\": [" + rule + "]}";
  }

  private static Map<String, PolicyRule> byId(PolicyDocument policy) {
    return policy.rules().stream().collect(Collectors.toMap(PolicyRule::id, Function.identity()));
  }
}
