package io.govflow.worker;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the worker polls Temporal; the datasource has its own readiness check. */
@Readiness
public class WorkerReadiness implements HealthCheck {

  private final GovflowWorker worker;

  WorkerReadiness(GovflowWorker worker) {
    this.worker = worker;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("temporal-worker").status(worker.isRunning()).build();
  }
}
