package io.govflow.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.GovflowConfig;
import io.govflow.common.TestConfigs;
import io.govflow.deployment.Environment;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Building the clients makes no request: these run without credentials or network. */
class AwsClientsTest {

  private static final String PRODUCTION_ROLE = "arn:aws:iam::444455556666:role/govflow-production";
  private static final String PRODUCTION_EXECUTION_ROLE =
      "arn:aws:iam::444455556666:role/govflow-sagemaker-production";

  @Test
  void localDefaultNeedsNoAwsSetting() {
    GovflowConfig config = TestConfigs.govflow(Map.of());

    assertThat(config.provider()).isEqualTo(GovflowConfig.Provider.LOCAL);
    assertThat(config.aws().region()).isEmpty();
    assertThat(config.aws().prefix()).isEqualTo("govflow/");
    assertThat(config.aws().training().instanceType()).isEqualTo("ml.m5.xlarge");
    assertThat(config.aws().hosting().instanceType()).isEqualTo("ml.m5.large");
  }

  @Test
  void clientsSignWithTheDefaultChainInTheConfiguredRegion() {
    try (AwsClients clients = new AwsClients(TestConfigs.govflow(TestConfigs.aws()).aws())) {
      assertThat(clients.sageMaker().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
      assertThat(clients.dataZone().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
      assertThat(clients.s3().serviceClientConfiguration().endpointOverride()).isEmpty();
      assertThat(clients.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
    }
  }

  @Test
  void emulatorEndpointServesSageMakerAndS3WhileDataZoneHasItsOwn() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.endpoint-override", "http://127.0.0.1:5000");
    properties.put("govflow.aws.datazone.endpoint-override", "http://127.0.0.1:5001");

    try (AwsClients clients = new AwsClients(TestConfigs.govflow(properties).aws())) {
      assertThat(clients.sageMaker().serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://127.0.0.1:5000"));
      assertThat(clients.s3().serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://127.0.0.1:5000"));
      assertThat(clients.dataZone().serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://127.0.0.1:5001"));
    }
  }

  @Test
  void roleArnMakesEveryClientSignWithTheAssumedRole() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.role-arn", "arn:aws:iam::210987654321:role/govflow-worker");

    try (AwsClients clients = new AwsClients(TestConfigs.govflow(properties).aws())) {
      assertThat(clients.credentials()).isInstanceOf(StsAssumeRoleCredentialsProvider.class);
      assertThat(clients.sageMaker().serviceClientConfiguration().credentialsProvider())
          .isSameAs(clients.credentials());
    }
  }

  @Test
  void environmentWithoutARoleSharesTheMainClientsAndExecutionRole() {
    try (AwsClients clients = new AwsClients(TestConfigs.govflow(TestConfigs.aws()).aws())) {
      for (Environment environment : Environment.values()) {
        EnvironmentAccount account = clients.environment(environment);

        assertThat(account.sageMaker()).isSameAs(clients.sageMaker());
        assertThat(clients.sageMakerRuntime(environment)).isSameAs(clients.sageMakerRuntime());
        assertThat(account.roleArn()).isEmpty();
        assertThat(account.accountId()).isEmpty();
        assertThat(account.executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/govflow-sagemaker");
      }
    }
  }

  @Test
  void environmentRoleGetsClientsOfItsOwnSigningWithItsSession() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.environments.production.role-arn", PRODUCTION_ROLE);
    properties.put("govflow.aws.environments.production.execution-role-arn", PRODUCTION_EXECUTION_ROLE);

    try (AwsClients clients = new AwsClients(TestConfigs.govflow(properties).aws())) {
      EnvironmentAccount production = clients.environment(Environment.PRODUCTION);

      assertThat(production.accountId()).contains("444455556666");
      assertThat(production.executionRoleArn()).isEqualTo(PRODUCTION_EXECUTION_ROLE);
      assertThat(production.sageMaker()).isNotSameAs(clients.sageMaker());
      assertThat(production.sageMaker().serviceClientConfiguration().credentialsProvider())
          .isInstanceOf(StsAssumeRoleCredentialsProvider.class)
          .isSameAs(clients.sageMakerRuntime(Environment.PRODUCTION).serviceClientConfiguration()
              .credentialsProvider());
      // The worker's own clients still sign with the chain: only the environment assumes its role.
      assertThat(clients.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
      assertThat(clients.environment(Environment.TEST).sageMaker()).isSameAs(clients.sageMaker());
      assertThat(clients.environments()).containsOnlyKeys(Environment.TEST, Environment.PRODUCTION);
    }
  }

  @Test
  void environmentRoleInTheMainAccountServesAsTheMainExecutionRole() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.environments.test.role-arn", "arn:aws:iam::123456789012:role/govflow-test");

    try (AwsClients clients = new AwsClients(TestConfigs.govflow(properties).aws())) {
      EnvironmentAccount test = clients.environment(Environment.TEST);

      assertThat(test.accountId()).contains("123456789012");
      assertThat(test.executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/govflow-sagemaker");
    }
  }

  @Test
  void environmentRoleInAnotherAccountNeedsAnExecutionRoleThereNamingTheKey() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.environments.production.role-arn", PRODUCTION_ROLE);

    try (AwsClients clients = new AwsClients(TestConfigs.govflow(properties).aws())) {
      assertThatThrownBy(() -> clients.environment(Environment.PRODUCTION))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("production environment is in account 444455556666")
          .hasMessageContaining("govflow.aws.environments.production.execution-role-arn (environment variable "
              + "GOVFLOW_AWS_ENVIRONMENTS_PRODUCTION_EXECUTION_ROLE_ARN)");
    }
  }

  @Test
  void environmentExecutionRoleOfAnotherAccountThanItsRoleIsRefused() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.environments.test.role-arn", "arn:aws:iam::111122223333:role/govflow-test");
    properties.put("govflow.aws.environments.test.execution-role-arn", PRODUCTION_EXECUTION_ROLE);

    try (AwsClients clients = new AwsClients(TestConfigs.govflow(properties).aws())) {
      assertThatThrownBy(() -> clients.environment(Environment.TEST))
          .hasMessageContaining("test environment is in account 111122223333 but its execution role "
              + PRODUCTION_EXECUTION_ROLE + " is not");
    }
  }

  @Test
  void missingRegionNamesTheKeyAndItsEnvironmentVariable() {
    GovflowConfig config = TestConfigs.govflow(Map.of("govflow.provider", "aws"));

    assertThatThrownBy(() -> new AwsClients(config.aws())).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("govflow.aws.region (environment variable GOVFLOW_AWS_REGION) is required when "
            + "govflow.provider is aws");
  }
}
