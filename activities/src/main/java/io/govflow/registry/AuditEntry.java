package io.govflow.registry;

import java.time.Instant;
import java.util.Map;

/** One entry of the audit trail as stored: the event, its place in the chain ({@code seq}) and its hash link. */
public record AuditEntry(
    long seq,
    String eventId,
    String useCaseId,
    String modelVersionId,
    String workflowId,
    String type,
    String actor,
    Instant at,
    Map<String, String> details,
    String previousHash,
    String hash) {}
