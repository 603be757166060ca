package io.govflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.govflow.evidence.EvidenceRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a risk tier's policy to the evidence documents of a model version. Pure and deterministic: the same policy
 * and documents give the same findings in the same order (policy rule order, then subject), so a finding can be
 * keyed and compared across retries and replays.
 */
public final class PolicyEvaluator {

  /** The subject of a finding for a rule that nothing was measured for (missing document or metric). */
  public static final String NOT_MEASURED = "not measured";

  private static final Comparator<Measurement> BY_SUBJECT =
      Comparator.comparing(Measurement::subject, Comparator.nullsFirst(Comparator.naturalOrder()));

  private PolicyEvaluator() {}

  /**
   * One finding per rule and subject the rule's metric was measured on. A rule that cannot be checked (its document
   * or metric is absent, or the value is undefined) fails: missing evidence never passes a governance check.
   */
  public static List<Finding> evaluate(PolicyDocument policy, Map<String, JsonNode> documentsByEvidenceName) {
    Map<String, List<Measurement>> measurementsByEvidence = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    for (PolicyRule rule : policy.rules()) {
      JsonNode document = documentsByEvidenceName.get(rule.evidence());
      if (document == null) {
        findings.add(notMeasured(rule, "no " + rule.evidence() + " evidence document was given"));
        continue;
      }
      List<Measurement> measured = measurementsByEvidence
          .computeIfAbsent(rule.evidence(), evidence -> EvidenceMeasurements.of(evidence, document))
          .stream()
          .filter(m -> rule.metric().equals(m.metric()))
          .sorted(BY_SUBJECT)
          .toList();
      if (measured.isEmpty()) {
        findings.add(notMeasured(rule,
            "the " + rule.evidence() + " document has no " + rule.metric() + " measurement"));
      }
      for (Measurement measurement : measured) {
        findings.add(finding(rule, measurement));
      }
    }
    return List.copyOf(findings);
  }

  /** The check's result: it passes when every finding passed. */
  public static PolicyResult result(PolicyDocument policy, List<Finding> findings, EvidenceRef document) {
    boolean passed = findings.stream().allMatch(Finding::passed);
    return new PolicyResult(policy.tier(), policy.version(), passed, List.copyOf(findings), document);
  }

  private static boolean holds(Comparison comparison, double threshold, double measured) {
    return switch (comparison) {
      case AT_LEAST -> measured >= threshold;
      case AT_MOST -> measured <= threshold;
      case ABS_AT_MOST -> Math.abs(measured) <= threshold;
    };
  }

  private static Finding finding(PolicyRule rule, Measurement measurement) {
    Double value = measurement.value();
    if (value == null || value.isNaN()) {
      return failed(rule, measurement.subject(), rule.metric() + " on " + measurement.subject()
          + " is undefined in the " + rule.evidence() + " document (for example a division by zero)");
    }
    String description = rule.description() + ": " + rule.metric() + " on " + measurement.subject() + " is "
        + format(value) + "; the rule requires " + requirement(rule) + ".";
    return new Finding(rule.id(), description, rule.evidence(), rule.metric(), measurement.subject(),
        rule.comparison(), rule.threshold(), value, holds(rule.comparison(), rule.threshold(), value), rule.severity());
  }

  private static Finding notMeasured(PolicyRule rule, String missing) {
    return failed(rule, NOT_MEASURED, missing);
  }

  private static Finding failed(PolicyRule rule, String subject, String missing) {
    String description = rule.description() + ": " + missing + ", so " + requirement(rule) + " cannot be shown.";
    return new Finding(rule.id(), description, rule.evidence(), rule.metric(), subject, rule.comparison(),
        rule.threshold(), null, false, rule.severity());
  }

  private static String requirement(PolicyRule rule) {
    String threshold = format(rule.threshold());
    return switch (rule.comparison()) {
      case AT_LEAST -> rule.metric() + " at least " + threshold;
      case AT_MOST -> rule.metric() + " at most " + threshold;
      case ABS_AT_MOST -> "|" + rule.metric() + "| at most " + threshold;
    };
  }

  /** Four decimals at most, without trailing zeros: 0.8 reads "0.8", 0.912345 reads "0.9123". */
  private static String format(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "infinity" : "-infinity";
    }
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
