package io.govflow.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.EvidenceRef;
import io.govflow.usecase.RiskLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The governance policies of the risk tiers, as data: {@code policies/<tier>.json} on the classpath, unless the
 * override folder given at construction holds a {@code <tier>.json}, so a deployment can change a tier's policy
 * without a rebuild. Documents are read on every call and validated before use.
 */
public class PolicyLibrary {

  private static final String CLASSPATH_FOLDER = "policies/";

  /** The evidence documents {@link EvidenceMeasurements} reads: a rule naming another could never be measured. */
  private static final List<String> MEASURED_EVIDENCE = List.of(EvidenceRef.DATA_STATISTICS,
      EvidenceRef.PRE_TRAINING_BIAS, EvidenceRef.TRAINING_METRICS, EvidenceRef.MODEL_QUALITY,
      EvidenceRef.POST_TRAINING_BIAS);

  private static final Set<String> DOCUMENT_FIELDS = Set.of("tier", "version", "description", "rules");
  private static final Set<String> RULE_FIELDS =
      Set.of("id", "description", "evidence", "metric", "comparison", "threshold", "severity");

  private final Optional<Path> overrides;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  /** Only the policies shipped on the classpath. */
  public PolicyLibrary() {
    this.overrides = Optional.empty();
  }

  /** The shipped policies, each replaced by a {@code <tier>.json} in {@code overrideFolder} where there is one. */
  public PolicyLibrary(Path overrideFolder) {
    if (!Files.isDirectory(overrideFolder)) {
      throw new IllegalArgumentException("policy override folder " + overrideFolder + " is not a directory");
    }
    this.overrides = Optional.of(overrideFolder.toAbsolutePath().normalize());
  }

  /** The tier's policy; fails with {@link InvalidPolicyException} if its document is malformed. */
  public PolicyDocument forTier(RiskLevel risk) {
    String tier = risk.name().toLowerCase(Locale.ROOT);
    String fileName = tier + ".json";
    Optional<Path> override = overrides.map(folder -> folder.resolve(fileName)).filter(Files::isRegularFile);
    if (override.isPresent()) {
      return parse(override.get().toString(), tier, readFile(override.get()));
    }
    return parse("classpath:" + CLASSPATH_FOLDER + fileName, tier, readResource(CLASSPATH_FOLDER + fileName));
  }

  /** Every tier's policy, so that a worker can refuse to start on a malformed deployment rather than fail at step 7. */
  public Map<RiskLevel, PolicyDocument> all() {
    Map<RiskLevel, PolicyDocument> policies = new EnumMap<>(RiskLevel.class);
    for (RiskLevel risk : RiskLevel.values()) {
      policies.put(risk, forTier(risk));
    }
    return policies;
  }

  /** Validates a policy document read from {@code source} and expected to be {@code tier}'s. */
  PolicyDocument parse(String source, String tier, String text) {
    JsonNode document;
    try {
      document = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException(source, List.of("not valid JSON: " + e.getOriginalMessage()));
    }
    if (document == null || !document.isObject()) {
      throw new InvalidPolicyException(source, List.of("the document must be a JSON object"));
    }
    List<String> problems = new ArrayList<>();
    unknownFields(document, DOCUMENT_FIELDS, "", problems);
    String documentTier = text(document, "tier", "", problems);
    if (documentTier != null && !documentTier.equals(tier)) {
      problems.add("tier is \"" + documentTier + "\" but this is the " + tier + " policy");
    }
    String version = text(document, "version", "", problems);
    String description = text(document, "description", "", problems);
    List<PolicyRule> rules = rules(document.get("rules"), problems);
    if (!problems.isEmpty()) {
      throw new InvalidPolicyException(source, problems);
    }
    return new PolicyDocument(documentTier, version, description, rules);
  }

  private List<PolicyRule> rules(JsonNode rules, List<String> problems) {
    if (rules == null || !rules.isArray() || rules.isEmpty()) {
      problems.add("rules must be a non-empty array");
      return List.of();
    }
    List<PolicyRule> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      String where = "rules[" + i + "]" + (rule.path("id").isTextual() ? " (" + rule.path("id").asText() + ")" : "");
      if (!rule.isObject()) {
        problems.add(where + " must be a JSON object");
        continue;
      }
      int before = problems.size();
      unknownFields(rule, RULE_FIELDS, where + ": ", problems);
      String id = text(rule, "id", where + ": ", problems);
      if (id != null && !ids.add(id)) {
        problems.add(where + ": id is used by an earlier rule");
      }
      String description = text(rule, "description", where + ": ", problems);
      String evidence = text(rule, "evidence", where + ": ", problems);
      if (evidence != null && !MEASURED_EVIDENCE.contains(evidence)) {
        problems.add(where + ": evidence \"" + evidence + "\" is not one of " + String.join(", ", MEASURED_EVIDENCE));
      }
      String metric = text(rule, "metric", where + ": ", problems);
      Comparison comparison = constant(rule, "comparison", Comparison.class, where + ": ", problems);
      Severity severity = constant(rule, "severity", Severity.class, where + ": ", problems);
      Double threshold = threshold(rule, comparison, where + ": ", problems);
      if (problems.size() == before) {
        out.add(new PolicyRule(id, description, evidence, metric, comparison, threshold, severity));
      }
    }
    return out;
  }

  private static Double threshold(JsonNode rule, Comparison comparison, String where, List<String> problems) {
    JsonNode threshold = rule.get("threshold");
    if (threshold == null || threshold.isNull()) {
      problems.add(where + "threshold is missing");
      return null;
    }
    if (!threshold.isNumber() || !Double.isFinite(threshold.asDouble())) {
      problems.add(where + "threshold must be a number, not " + threshold);
      return null;
    }
    if (comparison == Comparison.ABS_AT_MOST && threshold.asDouble() < 0) {
      problems.add(where + "threshold of an ABS_AT_MOST rule must not be negative: no absolute value is below it");
    }
    return threshold.asDouble();
  }

  private static String text(JsonNode node, String field, String where, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      problems.add(where + field + " is missing");
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(where + field + " must be a non-blank string, not " + value);
      return null;
    }
    return value.asText();
  }

  private static <E extends Enum<E>> E constant(
      JsonNode node, String field, Class<E> type, String where, List<String> problems) {
    String name = text(node, field, where, problems);
    if (name == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      problems.add(where + field + " \"" + name + "\" is not one of "
          + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
      return null;
    }
  }

  private static void unknownFields(JsonNode node, Set<String> known, String where, List<String> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(where + "unknown field \"" + name + "\" (expected " + String.join(", ", known.stream()
            .sorted().toList()) + ")");
      }
    }
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy " + file, e);
    }
  }

  private static String readResource(String name) {
    try (InputStream in = PolicyLibrary.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no policy " + name + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy " + name, e);
    }
  }
}
