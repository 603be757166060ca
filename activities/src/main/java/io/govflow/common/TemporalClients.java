package io.govflow.common;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The Temporal connection of a process (worker or API), with govflow's data converter. */
@ApplicationScoped
public class TemporalClients {

  @Produces
  @Singleton
  WorkflowServiceStubs serviceStubs(GovflowConfig config) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(config.temporal().target()).build());
  }

  @Produces
  @Singleton
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, GovflowConfig config) {
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
        .setNamespace(config.temporal().namespace())
        .setDataConverter(GovflowDataConverter.create())
        .build());
  }

  void close(@Disposes WorkflowServiceStubs stubs) {
    stubs.shutdown();
  }
}
