package io.govflow.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.GovflowConfig;
import io.govflow.common.TestConfigs;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Building the clients makes no request: these run without credentials or network. */
class AwsClientsTest {

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
  void missingRegionNamesTheKeyAndItsEnvironmentVariable() {
    GovflowConfig config = TestConfigs.govflow(Map.of("govflow.provider", "aws"));

    assertThatThrownBy(() -> new AwsClients(config.aws())).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("govflow.aws.region (environment variable GOVFLOW_AWS_REGION) is required when "
            + "govflow.provider is aws");
  }
}
