package io.govflow.validation;

import io.govflow.evidence.EvidenceRef;
import io.govflow.policy.Finding;
import java.util.List;

/**
 * The outcome of step 10: every check as a finding (schema, contract, latency, predictions equal to the offline
 * evaluation), the latency measured on the sample, and the {@value #EVIDENCE_NAME} report kept as evidence. A failed
 * check blocks production approval.
 */
public record EndpointValidation(
    boolean passed, List<Finding> checks, double latencyP50Millis, double latencyP99Millis, EvidenceRef report) {

  public static final String EVIDENCE_NAME = "endpoint-validation";
}
