/**
 * Gates: decisions, refusals, the GateKeeper rules (roles, four-eyes, evidence digests, idempotent update ids) and the deadlines of human waits.
 */
package io.govflow.approval;
