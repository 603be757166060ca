package io.govflow.policy;

import io.govflow.evidence.EvidenceRef;
import java.util.List;

/** Step 7's result: pass or fail under a named policy version, every finding, and the policy-result document. */
public record PolicyResult(
    String tier, String policyVersion, boolean passed, List<Finding> findings, EvidenceRef document) {}
