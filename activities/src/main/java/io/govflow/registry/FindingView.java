package io.govflow.registry;

import io.govflow.policy.Finding;

/** A finding of a governance check on a model version, with the policy version that produced it. */
public record FindingView(String modelVersionId, String policyVersion, Finding finding) {}
