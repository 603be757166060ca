package io.govflow.common;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
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

  /** Temporal's client and worker metrics (polls, task latencies, failures) join the process's Micrometer registry. */
  @Produces
  @Singleton
  WorkflowServiceStubs serviceStubs(GovflowConfig config, MeterRegistry meters) {
    Scope metrics = new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(meters))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
    return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(config.temporal().target())
        .setMetricsScope(metrics)
        .build());
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
