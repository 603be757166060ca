package io.govflow.approval;

import java.util.List;

/**
 * A person's decision at a gate, as the API sends it: the caller's name and roles come from the authenticated
 * identity, never from the request body; {@code evidenceDigest} is the digest of the evidence the caller saw.
 */
public record Decision(
    Gate gate,
    Outcome outcome,
    String comment,
    String actor,
    List<String> actorRoles,
    String evidenceDigest) {}
