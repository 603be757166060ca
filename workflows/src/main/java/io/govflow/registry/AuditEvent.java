package io.govflow.registry;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the append-only audit trail. {@code eventId} is computed by the workflow (workflow id plus a sequence
 * number kept in its state), so a retried write finds the entry it already made.
 */
public record AuditEvent(
    String eventId,
    String useCaseId,
    String modelVersionId,
    String workflowId,
    String type,
    String actor,
    Instant at,
    Map<String, String> details) {}
