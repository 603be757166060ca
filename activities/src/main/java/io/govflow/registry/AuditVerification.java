package io.govflow.registry;

/**
 * The result of recomputing the audit chain. {@code firstBrokenSeq} is the first entry whose hash or link does not
 * hold (null when intact) and {@code problem} says what is wrong with it. {@code headHash} is the hash of the last
 * entry: published elsewhere, it lets a later verification prove the whole chain was not rewritten since.
 */
public record AuditVerification(
    boolean intact, long entriesChecked, Long firstBrokenSeq, String problem, String headHash) {

  static AuditVerification intact(long entriesChecked, String headHash) {
    return new AuditVerification(true, entriesChecked, null, null, headHash);
  }

  static AuditVerification brokenAt(long seq, long entriesChecked, String problem, String headHash) {
    return new AuditVerification(false, entriesChecked, seq, problem, headHash);
  }
}
