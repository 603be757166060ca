package io.govflow.policy;

import io.govflow.evidence.EvidenceRef;
import io.govflow.usecase.RiskLevel;
import java.util.List;

public record GovernanceCheckRequest(
    String useCaseId, String modelVersionId, RiskLevel risk, List<EvidenceRef> evidence) {}
