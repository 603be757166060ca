package io.govflow.common;

import io.govflow.dataevaluation.local.LocalDataEvaluationActivities;
import io.govflow.deployment.local.EndpointServer;
import io.govflow.deployment.local.LocalDeploymentActivities;
import io.govflow.evaluation.local.LocalModelEvaluationActivities;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelregistry.LocalModelRegistry;
import io.govflow.monitoring.local.GroundTruthStore;
import io.govflow.monitoring.local.LocalMonitoringActivities;
import io.govflow.policy.GovernanceCheckActivitiesImpl;
import io.govflow.policy.PolicyLibrary;
import io.govflow.project.local.LocalProjectActivities;
import io.govflow.registry.RegistryActivitiesImpl;
import io.govflow.signoff.local.LocalSignOffActivities;
import io.govflow.training.local.LocalTrainingActivities;
import io.govflow.validation.local.LocalEndpointValidationActivities;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.List;

/**
 * Every activity implementation of the configured provider, for the worker to register. This is the one place that
 * chooses a back end: workflows know only the activity interfaces.
 */
@ApplicationScoped
public class ProviderActivities {

  private final List<Object> all;

  ProviderActivities(GovflowConfig config, LocalArtifactStore store, RegistryActivitiesImpl registry,
      Provider<EndpointServer> endpointServer) {
    Path dataRoot = Path.of(config.local().dataRoot());
    LocalModelRegistry models = new LocalModelRegistry(store);
    PolicyLibrary policies = config.policies().folder().map(PolicyLibrary::new).orElseGet(PolicyLibrary::new);
    // A broken policy document stops the worker at start-up rather than failing a case at step 7.
    policies.all();
    all = List.of(
        registry,
        new LocalProjectActivities(store, models),
        new LocalDataEvaluationActivities(store, dataRoot),
        new LocalTrainingActivities(store, dataRoot, models),
        new LocalModelEvaluationActivities(store),
        new GovernanceCheckActivitiesImpl(store, policies),
        new LocalSignOffActivities(store, models),
        new LocalDeploymentActivities(store, endpointServer.get()),
        new LocalEndpointValidationActivities(store),
        new LocalMonitoringActivities(store, new GroundTruthStore(store)));
  }

  public List<Object> all() {
    return all;
  }
}
