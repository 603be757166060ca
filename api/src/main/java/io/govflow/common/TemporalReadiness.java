package io.govflow.common;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Temporal describes govflow's namespace: without it the API can neither start nor decide anything. */
@Readiness
public class TemporalReadiness implements HealthCheck {

  private final WorkflowServiceStubs serviceStubs;
  private final GovflowConfig config;

  TemporalReadiness(WorkflowServiceStubs serviceStubs, GovflowConfig config) {
    this.serviceStubs = serviceStubs;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    String namespace = config.temporal().namespace();
    var response = HealthCheckResponse.named("temporal")
        .withData("target", config.temporal().target())
        .withData("namespace", namespace);
    try {
      serviceStubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
      return response.up().build();
    } catch (RuntimeException e) {
      return response.down().withData("error", e.getMessage()).build();
    }
  }
}
