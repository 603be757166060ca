package io.govflow.usecase;

import io.govflow.approval.GatePolicy;
import io.govflow.monitoring.MonitoringPolicy;

/**
 * Input of the use-case workflow. Everything the workflow would otherwise read from configuration (deadlines of human
 * waits, the monitoring schedule, the review period) is pinned here, per case, when the case starts. {@code carried}
 * is the state a run hands to the next after continue-as-new, null on the first start. Cases started before a policy
 * existed carry null for it and get its defaults.
 */
public record UseCaseStart(
    String useCaseId,
    UseCaseDefinition definition,
    GatePolicy gatePolicy,
    MonitoringPolicy monitoringPolicy,
    ReviewPolicy reviewPolicy,
    UseCaseState carried) {

  public UseCaseStart(String useCaseId, UseCaseDefinition definition, GatePolicy gatePolicy) {
    this(useCaseId, definition, gatePolicy, MonitoringPolicy.defaults(), ReviewPolicy.defaults(), null);
  }

  public MonitoringPolicy monitoring() {
    return monitoringPolicy == null ? MonitoringPolicy.defaults() : monitoringPolicy;
  }

  public ReviewPolicy review() {
    return reviewPolicy == null ? ReviewPolicy.defaults() : reviewPolicy;
  }

  /** The input of the next run, carrying {@code state}. */
  public UseCaseStart continuedWith(UseCaseState state) {
    return new UseCaseStart(useCaseId, state.definition(), gatePolicy, monitoringPolicy, reviewPolicy, state);
  }
}
