package io.govflow.deployment;

import io.govflow.training.CandidateModel;

/**
 * Serve the candidate's model as the use case's endpoint in {@code environment} (named by {@link EndpointNames}),
 * replacing the version it served.
 */
public record DeploymentRequest(
    String useCaseId, String modelVersionId, Environment environment, CandidateModel candidate) {}
