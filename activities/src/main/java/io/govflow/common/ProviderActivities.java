package io.govflow.common;

import io.govflow.common.aws.AwsClients;
import io.govflow.common.aws.ClarifySettings;
import io.govflow.dataevaluation.aws.AwsDataEvaluationActivities;
import io.govflow.dataevaluation.local.LocalDataEvaluationActivities;
import io.govflow.deployment.aws.AwsDeploymentActivities;
import io.govflow.deployment.aws.EndpointSettings;
import io.govflow.deployment.local.EndpointServer;
import io.govflow.deployment.local.LocalDeploymentActivities;
import io.govflow.evaluation.aws.AwsModelEvaluationActivities;
import io.govflow.evaluation.aws.TransformSettings;
import io.govflow.evaluation.local.LocalModelEvaluationActivities;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.modelregistry.LocalModelRegistry;
import io.govflow.monitoring.GroundTruthEncoding;
import io.govflow.monitoring.GroundTruthStore;
import io.govflow.monitoring.aws.AwsMonitoringActivities;
import io.govflow.monitoring.aws.MonitoringSettings;
import io.govflow.monitoring.local.LocalMonitoringActivities;
import io.govflow.policy.GovernanceCheckActivitiesImpl;
import io.govflow.policy.PolicyLibrary;
import io.govflow.project.aws.AwsProjectActivities;
import io.govflow.project.aws.DataZoneSettings;
import io.govflow.project.local.LocalProjectActivities;
import io.govflow.registry.RegistryActivitiesImpl;
import io.govflow.signoff.aws.AwsSignOffActivities;
import io.govflow.signoff.local.LocalSignOffActivities;
import io.govflow.training.aws.AwsSettings;
import io.govflow.training.aws.AwsTrainingActivities;
import io.govflow.training.local.LocalTrainingActivities;
import io.govflow.validation.aws.AwsEndpointValidationActivities;
import io.govflow.validation.local.LocalEndpointValidationActivities;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.util.List;

/**
 * Every activity implementation of the configured provider, for the worker to register. This is the one place that
 * chooses a back end: workflows know only the activity interfaces. Each provider is assembled by one method, one
 * line per implementation; its stores and clients are looked up only for that provider, so the local default needs
 * no AWS setting and the aws provider no local folder.
 */
@ApplicationScoped
public class ProviderActivities {

  private final List<Object> all;

  ProviderActivities(GovflowConfig config, RegistryActivitiesImpl registry, Instance<LocalArtifactStore> localStore,
      Instance<S3ArtifactStore> s3Store, Instance<AwsClients> awsClients, Instance<EndpointServer> endpointServer) {
    PolicyLibrary policies = config.policies().folder().map(PolicyLibrary::new).orElseGet(PolicyLibrary::new);
    // A broken policy document stops the worker at start-up rather than failing a case at step 7.
    policies.all();
    all = switch (config.provider()) {
      case LOCAL -> local(config, registry, policies, localStore.get(), endpointServer.get());
      case AWS -> aws(config, registry, policies, s3Store.get(), awsClients.get());
    };
  }

  public List<Object> all() {
    return all;
  }

  static List<Object> local(GovflowConfig config, RegistryActivitiesImpl registry, PolicyLibrary policies,
      LocalArtifactStore store, EndpointServer endpointServer) {
    Path dataRoot = Path.of(config.local().dataRoot());
    LocalModelRegistry models = new LocalModelRegistry(store);
    return List.of(
        registry,
        new LocalProjectActivities(store, models),
        new LocalDataEvaluationActivities(store, dataRoot),
        new LocalTrainingActivities(store, dataRoot, models),
        new LocalModelEvaluationActivities(store),
        new GovernanceCheckActivitiesImpl(store, policies),
        new LocalSignOffActivities(store, models),
        new LocalDeploymentActivities(store, endpointServer),
        new LocalEndpointValidationActivities(store),
        new LocalMonitoringActivities(store,
            new GroundTruthStore(store, GroundTruthEncoding.of(config.provider()))));
  }

  /** Steps 3–13 on DataZone and SageMaker, step 7 on the evidence in S3. */
  static List<Object> aws(GovflowConfig config, RegistryActivitiesImpl registry, PolicyLibrary policies,
      S3ArtifactStore store, AwsClients clients) {
    GovflowConfig.Aws aws = config.aws();
    return List.of(
        registry,
        new AwsProjectActivities(clients.sageMaker(), clients.dataZone(), store, DataZoneSettings.from(aws)),
        new AwsDataEvaluationActivities(clients.sageMaker(), store, ClarifySettings.from(aws)),
        new AwsTrainingActivities(clients.sageMaker(), store,
            AwsSettings.from(aws, store.locationOf("training-jobs"))),
        new AwsModelEvaluationActivities(clients.sageMaker(), store, ClarifySettings.from(aws),
            TransformSettings.from(aws)),
        new GovernanceCheckActivitiesImpl(store, policies),
        new AwsSignOffActivities(clients.sageMaker(), store),
        new AwsDeploymentActivities(clients.sageMaker(), store, EndpointSettings.from(aws)),
        new AwsEndpointValidationActivities(clients.sageMakerRuntime(), store),
        new AwsMonitoringActivities(clients.sageMaker(), store, MonitoringSettings.from(aws)));
  }
}
