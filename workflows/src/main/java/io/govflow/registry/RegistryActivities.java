package io.govflow.registry;

import io.govflow.approval.DecisionRecord;
import io.govflow.evidence.EvidenceRef;
import io.govflow.monitoring.MonitoringFinding;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.policy.PolicyResult;
import io.temporal.activity.ActivityInterface;

/**
 * The inventory and the audit trail. Every method is idempotent: a fact is keyed by the id the workflow computed
 * (use case, model version, decision id, audit event id) and a retry never writes it twice. Each recorded fact also
 * appends its audit event, in the same transaction.
 */
@ActivityInterface
public interface RegistryActivities {

  void recordUseCase(UseCaseSnapshot snapshot, AuditEvent event);

  void recordModelVersion(ModelVersionSnapshot snapshot, AuditEvent event);

  void recordDecision(DecisionRecord decision, AuditEvent event);

  /** Stores every metric of the documents as rows (model version, evidence, subject, metric). */
  void recordMetrics(String modelVersionId, java.util.List<EvidenceRef> evidence, AuditEvent event);

  /** Stores the findings of a governance check, keyed by model version, policy version, rule and subject. */
  void recordPolicyResult(String modelVersionId, PolicyResult result, AuditEvent event);

  void appendAudit(AuditEvent event);

  /** Upserts the endpoint's row (steps 9, 12 and retirement). */
  void recordEndpoint(EndpointSnapshot endpoint, AuditEvent event);

  /** Closes the production interval of the version served before and opens the change's (step 12, retirement). */
  void recordProductionChange(ProductionChange change, AuditEvent event);

  /** Stores one monitoring run with its reports and violations, keyed by run id (step 13). */
  void recordMonitoringRun(MonitoringRun run, AuditEvent event);

  /** Upserts a monitoring finding by its id: raised, seen again, escalated, acknowledged or resolved. */
  void recordFinding(MonitoringFinding finding, AuditEvent event);
}
