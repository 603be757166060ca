package io.govflow.testing;

import io.govflow.common.GovflowDataConverter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Temporal dev server with an in-process worker running {@link ScriptedMonitoringWorkflow} and
 * {@link ScriptedUseCaseWorkflow}: for API tests of the finding and retirement updates, which talk to Temporal
 * exactly as in production while the workflows behind them answer as their contracts say.
 */
public class ScriptedWorkflowsResource implements QuarkusTestResourceLifecycleManager {

  public static final String TASK_QUEUE = "govflow-scripted";

  private final TemporalDevServerResource server = new TemporalDevServerResource();
  private WorkflowServiceStubs stubs;
  private WorkerFactory factory;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(server.start());
    config.put("govflow.temporal.task-queue", TASK_QUEUE);
    stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(config.get("govflow.temporal.target")).build());
    WorkflowClient client = WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setDataConverter(GovflowDataConverter.create()).build());
    factory = WorkerFactory.newInstance(client);
    factory.newWorker(TASK_QUEUE)
        .registerWorkflowImplementationTypes(ScriptedMonitoringWorkflow.class, ScriptedUseCaseWorkflow.class);
    factory.start();
    return config;
  }

  @Override
  public void stop() {
    if (factory != null) {
      factory.shutdownNow();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    server.stop();
  }
}
