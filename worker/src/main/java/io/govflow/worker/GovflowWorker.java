package io.govflow.worker;

import io.govflow.common.GovflowConfig;
import io.govflow.common.LifecycleWorkflows;
import io.govflow.common.ProviderActivities;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The Temporal worker: polls govflow's task queue with the lifecycle workflows and the provider's activities. */
@ApplicationScoped
public class GovflowWorker {

  private static final Logger LOG = Logger.getLogger(GovflowWorker.class);

  private final WorkflowClient client;
  private final GovflowConfig config;
  private final ProviderActivities activities;
  private final SearchAttributeRegistrar searchAttributes;
  private WorkerFactory factory;

  GovflowWorker(WorkflowClient client, GovflowConfig config, ProviderActivities activities,
      SearchAttributeRegistrar searchAttributes) {
    this.client = client;
    this.config = config;
    this.activities = activities;
    this.searchAttributes = searchAttributes;
  }

  void start(@Observes StartupEvent event) {
    searchAttributes.registerMissing();
    factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(config.temporal().taskQueue());
    worker.registerWorkflowImplementationTypes(LifecycleWorkflows.types());
    worker.registerActivitiesImplementations(activities.all().toArray());
    factory.start();
    LOG.infof("worker polling task queue %s on %s (provider %s)",
        config.temporal().taskQueue(), config.temporal().target(), config.provider());
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    if (factory != null) {
      // Let running activity attempts finish so that a restart does not wait for their timeouts.
      factory.shutdown();
      factory.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  boolean isRunning() {
    return factory != null && factory.isStarted() && !factory.isShutdown();
  }
}
