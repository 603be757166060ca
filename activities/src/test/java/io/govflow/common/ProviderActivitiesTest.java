package io.govflow.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.govflow.common.aws.AwsClients;
import io.govflow.dataevaluation.aws.AwsDataEvaluationActivities;
import io.govflow.dataevaluation.local.LocalDataEvaluationActivities;
import io.govflow.deployment.aws.AwsDeploymentActivities;
import io.govflow.deployment.local.EndpointServer;
import io.govflow.deployment.local.LocalDeploymentActivities;
import io.govflow.evaluation.aws.AwsModelEvaluationActivities;
import io.govflow.evaluation.local.LocalModelEvaluationActivities;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.monitoring.local.LocalMonitoringActivities;
import io.govflow.monitoring.aws.AwsMonitoringActivities;
import io.govflow.policy.GovernanceCheckActivitiesImpl;
import io.govflow.policy.PolicyLibrary;
import io.govflow.project.aws.AwsProjectActivities;
import io.govflow.project.local.LocalProjectActivities;
import io.govflow.registry.RegistryActivitiesImpl;
import io.govflow.signoff.aws.AwsSignOffActivities;
import io.govflow.signoff.local.LocalSignOffActivities;
import io.govflow.training.aws.AwsTrainingActivities;
import io.govflow.training.local.LocalTrainingActivities;
import io.govflow.validation.aws.AwsEndpointValidationActivities;
import io.govflow.validation.local.LocalEndpointValidationActivities;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderActivitiesTest {

  private final RegistryActivitiesImpl registry = mock(RegistryActivitiesImpl.class);
  private final PolicyLibrary policies = new PolicyLibrary();

  @Test
  void localProviderRegistersTheLocalImplementationOfEveryStep(@TempDir Path artifacts) {
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    try (EndpointServer endpoints = EndpointServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), store, Clock.systemUTC())) {
      List<Object> all = ProviderActivities.local(TestConfigs.govflow(Map.of()), registry, policies, store, endpoints);

      assertThat(all).first().isSameAs(registry);
      assertThat(all.subList(1, all.size())).extracting(Object::getClass).containsExactly(
          LocalProjectActivities.class, LocalDataEvaluationActivities.class, LocalTrainingActivities.class,
          LocalModelEvaluationActivities.class, GovernanceCheckActivitiesImpl.class, LocalSignOffActivities.class,
          LocalDeploymentActivities.class, LocalEndpointValidationActivities.class, LocalMonitoringActivities.class);
    }
  }

  @Test
  void awsProviderRegistersTheAwsImplementationsBuiltFromConfiguration() {
    GovflowConfig config = TestConfigs.govflow(TestConfigs.aws());
    try (AwsClients clients = new AwsClients(config.aws())) {
      List<Object> all = ProviderActivities.aws(config, registry, policies,
          new S3ArtifactStore(clients.s3(), "govflow-artifacts", config.aws().prefix()), clients);

      assertThat(all).first().isSameAs(registry);
      assertThat(all.subList(1, all.size())).extracting(Object::getClass).containsExactly(AwsProjectActivities.class,
          AwsDataEvaluationActivities.class, AwsTrainingActivities.class, AwsModelEvaluationActivities.class,
          GovernanceCheckActivitiesImpl.class, AwsSignOffActivities.class, AwsDeploymentActivities.class,
          AwsEndpointValidationActivities.class, AwsMonitoringActivities.class);
    }
  }

  @Test
  void awsProviderWithAProductionAccountNeedsItsExecutionRoleThere() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.environments.production.role-arn", "arn:aws:iam::444455556666:role/govflow-prod");
    GovflowConfig config = TestConfigs.govflow(properties);

    try (AwsClients clients = new AwsClients(config.aws())) {
      assertThatThrownBy(() -> ProviderActivities.aws(config, registry, policies,
          new S3ArtifactStore(clients.s3(), "govflow-artifacts", ""), clients))
          .hasMessageContaining("GOVFLOW_AWS_ENVIRONMENTS_PRODUCTION_EXECUTION_ROLE_ARN");
    }
  }

  @Test
  void awsProviderWithoutADataZoneDomainNamesTheMissingKey() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.remove("govflow.aws.datazone.domain-id");
    GovflowConfig config = TestConfigs.govflow(properties);

    try (AwsClients clients = new AwsClients(config.aws())) {
      assertThatThrownBy(() -> ProviderActivities.aws(config, registry, policies,
          new S3ArtifactStore(clients.s3(), "govflow-artifacts", ""), clients))
          .hasMessageContaining("govflow.aws.datazone.domain-id (environment variable "
              + "GOVFLOW_AWS_DATAZONE_DOMAIN_ID)");
    }
  }
}
