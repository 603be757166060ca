package io.govflow.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.govflow.common.Digests;
import io.temporal.failure.ApplicationFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit trail's hash chain. An entry's hash is SHA-256 over the previous entry's hash followed by the canonical
 * JSON of its {@link ChainedContent}; the first entry's previous hash is 64 zeros. Appenders lock the single
 * {@code audit_head} row, so concurrent writers form one linear chain and seq order is chain order.
 */
@ApplicationScoped
class AuditTrail {

  static final String GENESIS_HASH = "0".repeat(64);

  /** Entries read per query while verifying, so that a long trail never sits in memory whole. */
  private static final int VERIFY_BATCH = 500;

  private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};

  /**
   * What the hash covers, in a shape of its own: a component added to {@link AuditEvent} later must not change the
   * hashes of entries already written. Its canonical JSON (sorted keys, ISO-8601 instant) is what a verifier
   * recomputes from the columns of {@code audit_event}.
   */
  record ChainedContent(
      String eventId,
      String useCaseId,
      String modelVersionId,
      String workflowId,
      String type,
      String actor,
      Instant at,
      Map<String, String> details) {}

  static String hash(String previousHash, ChainedContent content) {
    return Digests.sha256(previousHash + Digests.canonicalJson(content));
  }

  /** Appends the event unless an entry with its id exists, in the caller's transaction. */
  @Transactional(TxType.MANDATORY)
  void append(AuditEvent event) {
    ChainedContent content = contentOf(event);
    // Flush the caller's fact first: a lost insert race then fails here, before this transaction holds the head
    // lock, so two racers never wait on each other crosswise (one on the head, the other on the fact's key).
    AuditEventRow.flush();
    AuditHeadRow head = AuditHeadRow.findById(AuditHeadRow.ID, LockModeType.PESSIMISTIC_WRITE);
    // Read under the lock: a concurrent append of the same event has committed by now, so a retry sees it.
    if (AuditEventRow.count("eventId", content.eventId()) > 0) {
      return;
    }
    AuditEventRow row = new AuditEventRow();
    row.eventId = content.eventId();
    row.useCaseId = content.useCaseId();
    row.modelVersionId = content.modelVersionId();
    row.workflowId = content.workflowId();
    row.type = content.type();
    row.actor = content.actor();
    row.at = content.at();
    row.details = Digests.canonicalJson(content.details());
    row.previousHash = head.lastHash;
    row.hash = hash(head.lastHash, content);
    row.persist();
    head.lastSeq = row.seq;
    head.lastHash = row.hash;
  }

  /** Recomputes every link from the stored columns, in seq order, and checks the head against the last entry. */
  @Transactional
  AuditVerification verify() {
    AuditHeadRow head = AuditHeadRow.findById(AuditHeadRow.ID);
    long headSeq = head.lastSeq;
    String headHash = head.lastHash;
    String expectedPrevious = GENESIS_HASH;
    long lastSeq = 0;
    long checked = 0;
    List<AuditEventRow> batch;
    do {
      // Bounded by the head read above: later appends commit together with a newer head and are left for next time.
      batch = AuditEventRow.<AuditEventRow>find("seq > ?1 and seq <= ?2 order by seq", lastSeq, headSeq)
          .range(0, VERIFY_BATCH - 1)
          .list();
      for (AuditEventRow row : batch) {
        String problem = problemWith(row, expectedPrevious);
        if (problem != null) {
          return AuditVerification.brokenAt(row.seq, checked, problem, headHash);
        }
        expectedPrevious = row.hash;
        lastSeq = row.seq;
        checked++;
      }
      AuditEventRow.getEntityManager().clear();
    } while (batch.size() == VERIFY_BATCH);
    if (lastSeq != headSeq || !expectedPrevious.equals(headHash)) {
      return AuditVerification.brokenAt(headSeq, checked, "the head records entry " + headSeq
          + " but the chain ends at entry " + lastSeq + ": entries were removed from its end or the head was altered",
          headHash);
    }
    return AuditVerification.intact(checked, headHash);
  }

  static AuditEntry entryOf(AuditEventRow row) {
    return new AuditEntry(row.seq, row.eventId, row.useCaseId, row.modelVersionId, row.workflowId, row.type,
        row.actor, row.at, RegistryJson.read(row.details, DETAILS), row.previousHash, row.hash);
  }

  private static String problemWith(AuditEventRow row, String expectedPrevious) {
    if (!expectedPrevious.equals(row.previousHash)) {
      return "its previous hash is not the hash of the entry before it: an entry was removed, inserted or reordered";
    }
    String recomputed;
    try {
      recomputed = hash(row.previousHash, contentOf(entryOf(row)));
    } catch (IllegalStateException e) {
      return "its details are no longer valid JSON: the entry was altered";
    }
    return recomputed.equals(row.hash) ? null : "its content does not match its hash: the entry was altered";
  }

  private static ChainedContent contentOf(AuditEntry entry) {
    return new ChainedContent(entry.eventId(), entry.useCaseId(), entry.modelVersionId(), entry.workflowId(),
        entry.type(), entry.actor(), entry.at(), entry.details());
  }

  private static ChainedContent contentOf(AuditEvent event) {
    if (event.eventId() == null || event.type() == null || event.at() == null) {
      throw ApplicationFailure.newNonRetryableFailure("audit event " + event + " lacks an eventId, type or instant;"
          + " the workflow must set all three", "INVALID_AUDIT_EVENT");
    }
    return new ChainedContent(event.eventId(), event.useCaseId(), event.modelVersionId(), event.workflowId(),
        event.type(), event.actor(),
        // The database keeps microseconds: hash the instant that will be read back.
        event.at().truncatedTo(ChronoUnit.MICROS),
        event.details() == null ? Map.of() : new TreeMap<>(event.details()));
  }
}
