package io.govflow.monitoring;

import java.util.List;

/**
 * Someone acknowledging or resolving a finding; name and roles come from the authenticated identity. Resolving
 * requires a comment that says how.
 */
public record FindingAction(String findingId, String comment, String actor, List<String> actorRoles) {}
