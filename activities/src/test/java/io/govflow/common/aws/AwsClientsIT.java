package io.govflow.common.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.common.TestConfigs;
import io.govflow.deployment.Environment;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.testing.Emulator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The clients as the worker builds them from {@code govflow.aws.*}, on moto: the default chain's identity (here from
 * system properties) assumes the configured roles through STS, S3 is reached path-style at the override, and an
 * environment's clients act in the account of the environment's role.
 */
class AwsClientsIT {

  @RegisterExtension
  static final Emulator aws = new Emulator();

  @BeforeAll
  static void chainIdentity() {
    // The first source of the SDK's default chain; cleared after, so no other test signs with them.
    System.setProperty("aws.accessKeyId", "chain-identity");
    System.setProperty("aws.secretAccessKey", "chain-secret");
  }

  @AfterAll
  static void clearChainIdentity() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void configuredRoleIsAssumedAndItsSessionStoresArtifacts() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.endpoint-override", aws.moto().endpoint().toString());
    properties.put("govflow.aws.path-style-access", "true");
    properties.put("govflow.aws.role-arn", "arn:aws:iam::123456789012:role/govflow-worker");

    try (AwsClients clients = new AwsClients(TestConfigs.govflow(properties).aws())) {
      AwsCredentials session = clients.credentials().resolveCredentials();
      assertThat(session).isInstanceOf(AwsSessionCredentials.class);
      assertThat(session.accessKeyId()).isNotEqualTo("chain-identity");

      clients.s3().createBucket(b -> b.bucket("govflow-artifacts"));
      S3ArtifactStore store = new S3ArtifactStore(clients.s3(), "govflow-artifacts", "govflow/");
      EvidenceRef ref = store.putEvidence("uc-17", "uc-17-v1", "data-statistics",
          "{\"dataset\":{\"item_count\":1000}}".getBytes(StandardCharsets.UTF_8));

      assertThat(ref.location())
          .isEqualTo("s3://govflow-artifacts/govflow/use-cases/uc-17/uc-17-v1/data-statistics.json");
      assertThat(new String(store.get(ref.location()), StandardCharsets.UTF_8)).contains("\"item_count\":1000");
    }
  }

  @Test
  void environmentRoleIsAssumedFromTheChainAndItsClientsActInItsAccount() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.endpoint-override", aws.moto().endpoint().toString());
    properties.put("govflow.aws.environments.production.role-arn",
        "arn:aws:iam::444455556666:role/govflow-production");
    properties.put("govflow.aws.environments.production.execution-role-arn",
        "arn:aws:iam::444455556666:role/govflow-sagemaker-production");

    try (AwsClients clients = new AwsClients(TestConfigs.govflow(properties).aws())) {
      SageMakerClient production = clients.environment(Environment.PRODUCTION).sageMaker();
      String arn = production.createModel(b -> b.modelName("gf-uc-17-v1-model")
          .executionRoleArn("arn:aws:iam::444455556666:role/govflow-sagemaker-production")
          .primaryContainer(c -> c.image("serving"))).modelArn();

      assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:444455556666:model/gf-uc-17-v1-model");
      assertThat(production.listModels(b -> { }).models()).hasSize(1);
      assertThat(clients.sageMaker().listModels(b -> { }).models()).isEmpty();
      assertThat(clients.environment(Environment.TEST).sageMaker().listModels(b -> { }).models()).isEmpty();
    }
  }
}
