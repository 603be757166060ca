package io.govflow.registry;

import io.govflow.approval.Decision;
import io.govflow.approval.DecisionRecord;
import io.govflow.approval.GateEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mints a workflow's audit events. Event ids are the workflow id plus a sequence number kept in the workflow's state,
 * so a retried write carries the id of the entry it already made and replay mints the same ids.
 */
public final class AuditEvents {

  /** The actor of what the lifecycle does by itself. */
  public static final String SYSTEM_ACTOR = "govflow";

  private final String workflowId;
  private final String useCaseId;
  private final String modelVersionId;
  private long sequence;

  public AuditEvents(String workflowId, String useCaseId, String modelVersionId) {
    this(workflowId, useCaseId, modelVersionId, 0);
  }

  /** Continues a sequence a previous run of the workflow (before continue-as-new) reached. */
  public AuditEvents(String workflowId, String useCaseId, String modelVersionId, long sequence) {
    this.workflowId = workflowId;
    this.useCaseId = useCaseId;
    this.modelVersionId = modelVersionId;
    this.sequence = sequence;
  }

  /** The sequence number of the last event minted, to carry across continue-as-new. */
  public long sequence() {
    return sequence;
  }

  /**
   * The next event.
   *
   * @param details alternating keys and values; a null value is left out
   */
  public AuditEvent next(String type, String actor, Instant at, String... details) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < details.length; i += 2) {
      if (details[i + 1] != null) {
        map.put(details[i], details[i + 1]);
      }
    }
    sequence++;
    return new AuditEvent(workflowId + "#" + sequence, useCaseId, modelVersionId, workflowId, type, actor, at, map);
  }

  /** The event of an accepted decision, naming the evidence it was taken on. */
  public AuditEvent decision(DecisionRecord record) {
    Decision decision = record.decision();
    return next("DECISION", decision.actor(), record.decidedAt(),
        "decisionId", record.decisionId(),
        "gate", decision.gate().name(),
        "outcome", decision.outcome().name(),
        "comment", decision.comment(),
        "evidenceDigest", decision.evidenceDigest(),
        "policyVersion", record.policyVersion());
  }

  /** The event of a reminder or escalation at an open gate. */
  public AuditEvent gateEvent(GateEvent event) {
    return next(event.kind().name(), SYSTEM_ACTOR, event.at(),
        "gate", event.gate().name(),
        "message", event.message());
  }
}
