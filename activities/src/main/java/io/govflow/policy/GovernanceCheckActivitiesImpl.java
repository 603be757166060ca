package io.govflow.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Step 7 for every provider: the evidence is read back from the artifact store and checked against the digests the
 * workflow holds (a decision must rest on exactly the evidence it names), the tier's policy is applied, and the
 * result is kept as the {@code policy-result} evidence document.
 */
public class GovernanceCheckActivitiesImpl implements GovernanceCheckActivities {

  private final ArtifactStore store;
  private final PolicyLibrary policies;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public GovernanceCheckActivitiesImpl(ArtifactStore store, PolicyLibrary policies) {
    this.store = store;
    this.policies = policies;
  }

  @Override
  public PolicyResult check(GovernanceCheckRequest request) {
    PolicyDocument policy = policy(request);
    Map<String, JsonNode> documents = verifiedDocuments(request.evidence(), evidenceNamesOf(policy));
    List<Finding> findings = PolicyEvaluator.evaluate(policy, documents);
    PolicyResult unrecorded = PolicyEvaluator.result(policy, findings, null);
    EvidenceRef document = record(request, unrecorded);
    return PolicyEvaluator.result(policy, findings, document);
  }

  private PolicyDocument policy(GovernanceCheckRequest request) {
    try {
      return policies.forTier(request.risk());
    } catch (InvalidPolicyException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage() + ". Fix the policy document and reset the workflow to the governance check.",
          INVALID_POLICY);
    }
  }

  private static Set<String> evidenceNamesOf(PolicyDocument policy) {
    return policy.rules().stream().map(PolicyRule::evidence).collect(Collectors.toSet());
  }

  /**
   * Every given document is checked against its digest, whether a rule reads it or not; those the policy reads are
   * parsed. An earlier policy result is the output of this step, not evidence for it, and is left out.
   */
  private Map<String, JsonNode> verifiedDocuments(List<EvidenceRef> evidence, Set<String> read) {
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    Map<String, EvidenceRef> byName = new LinkedHashMap<>();
    for (EvidenceRef ref : evidence) {
      if (EvidenceRef.POLICY_RESULT.equals(ref.name())) {
        continue;
      }
      if (byName.putIfAbsent(ref.name(), ref) != null) {
        throw ApplicationFailure.newNonRetryableFailure("two evidence documents are named " + ref.name() + " ("
            + byName.get(ref.name()).location() + " and " + ref.location() + "); a governance check needs one of each",
            EVIDENCE_UNUSABLE);
      }
      byte[] bytes = verified(ref);
      if (read.contains(ref.name())) {
        documents.put(ref.name(), parse(ref, bytes));
      }
    }
    return documents;
  }

  private byte[] verified(EvidenceRef ref) {
    byte[] bytes;
    try {
      bytes = store.get(ref.location());
    } catch (ArtifactNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure("evidence document " + ref.name() + " is missing from "
          + ref.location() + "; produce the evidence again in a new model version", EVIDENCE_UNUSABLE);
    }
    String actual = Digests.sha256(bytes);
    if (!actual.equals(ref.sha256())) {
      throw ApplicationFailure.newNonRetryableFailure("evidence document " + ref.name() + " at " + ref.location()
          + " has SHA-256 " + actual + " but was recorded as " + ref.sha256() + ": it changed after it was produced."
          + " Find out who changed it; decisions must rest on unchanged evidence, so start a new model version.",
          EVIDENCE_TAMPERED);
    }
    return bytes;
  }

  private JsonNode parse(EvidenceRef ref, byte[] bytes) {
    try {
      return json.readTree(bytes);
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure("evidence document " + ref.name() + " at " + ref.location()
          + " is not JSON (" + e.getMessage() + "); the step that produced it wrote a broken report",
          EVIDENCE_UNUSABLE);
    }
  }

  private EvidenceRef record(GovernanceCheckRequest request, PolicyResult result) {
    Map<String, String> evidence = new TreeMap<>();
    request.evidence().stream()
        .filter(ref -> !EvidenceRef.POLICY_RESULT.equals(ref.name()))
        .forEach(ref -> evidence.put(ref.name(), ref.sha256()));
    PolicyResultDocument document = new PolicyResultDocument(request.useCaseId(), request.modelVersionId(),
        result.tier(), result.policyVersion(), result.passed(), result.findings(), evidence);
    String key = ArtifactStore.evidenceKey(request.useCaseId(), request.modelVersionId(), EvidenceRef.POLICY_RESULT);
    try {
      byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
      return store.put(key, EvidenceRef.POLICY_RESULT, bytes, "application/json");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("policy result cannot be written as JSON", e);
    }
  }

  /** The {@code policy-result} document: the outcome, every finding, and the digests of the evidence it judged. */
  record PolicyResultDocument(
      String useCaseId,
      String modelVersionId,
      String tier,
      String policyVersion,
      boolean passed,
      List<Finding> findings,
      Map<String, String> evidenceSha256) {}
}
