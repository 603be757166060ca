package io.govflow.validation;

import io.govflow.deployment.EndpointRef;
import io.govflow.evidence.EvidenceRef;
import io.govflow.training.CandidateModel;

/**
 * Validate {@code endpoint}, which serves {@code candidate}: its held-out split is the sample sent, and
 * {@code modelQuality} the offline evaluation its answers must reproduce.
 */
public record EndpointValidationRequest(
    String useCaseId, String modelVersionId, EndpointRef endpoint, CandidateModel candidate, EvidenceRef modelQuality) {}
