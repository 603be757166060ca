package io.govflow.policy;

import java.util.List;

/** A risk tier's governance policy, versioned; stored as a document, never as code branches. */
public record PolicyDocument(String tier, String version, String description, List<PolicyRule> rules) {}
