package io.govflow.deployment.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.aws.EnvironmentAccount;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.testing.Emulator;
import io.govflow.testing.SageMakerGaps;
import io.govflow.training.CandidateModel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;

/**
 * Steps 9 and 12 with environments in accounts of their own, on moto: a session its STS hands out for a role of
 * another account acts in that account, so what the activities create there is absent from the worker's account.
 * Each account's requests pass a {@link SageMakerGaps} of that account, which checks them against botocore's model
 * and keeps the group's resource policy moto lacks.
 */
class AwsDeploymentAccountsIT {

  private static final String BUCKET = "govflow-artifacts";
  /** moto's default account: the worker's, holding the model package group. */
  private static final String MAIN_ACCOUNT = "123456789012";
  private static final String TEST_ACCOUNT = "111122223333";
  private static final String PRODUCTION_ACCOUNT = "444455556666";
  private static final String MAIN_EXECUTION_ROLE = "arn:aws:iam::123456789012:role/govflow-sagemaker";
  private static final String TEST_ROLE = "arn:aws:iam::111122223333:role/govflow-test";
  private static final String TEST_EXECUTION_ROLE = "arn:aws:iam::111122223333:role/govflow-sagemaker-test";
  private static final String PRODUCTION_ROLE = "arn:aws:iam::444455556666:role/govflow-production";
  private static final String PRODUCTION_EXECUTION_ROLE =
      "arn:aws:iam::444455556666:role/govflow-sagemaker-production";

  @RegisterExtension
  static final Emulator aws = new Emulator();

  private final ObjectMapper json = new ObjectMapper();
  private final List<Account> accounts = new ArrayList<>();
  private Account main;
  private Account test;
  private Account production;
  private CandidateModel v1;

  /** One account as the activities and the test reach it: moto itself, the gaps of the account, and through both. */
  private record Account(SageMakerClient emulator, SageMakerGaps gaps, SageMakerClient sageMaker) {

    static Account of(AwsCredentialsProvider credentials) {
      SageMakerClient emulator = aws.moto().sageMaker(credentials);
      SageMakerGaps gaps = SageMakerGaps.start(emulator);
      return new Account(emulator, gaps, aws.moto().sageMaker(credentials, gaps.interceptor()));
    }

    List<String> endpoints() {
      return emulator.listEndpoints(b -> { }).endpoints().stream().map(EndpointSummary::endpointName).toList();
    }

    List<String> endpointConfigs() {
      return emulator.listEndpointConfigs(b -> { }).endpointConfigs().stream().map(c -> c.endpointConfigName())
          .toList();
    }

    List<String> models() {
      return emulator.listModels(b -> { }).models().stream().map(m -> m.modelName()).toList();
    }
  }

  /** Sessions are assumed after the reset, which forgets them. */
  @BeforeEach
  void emptyAccounts() {
    aws.moto().reset();
    aws.s3().createBucket(b -> b.bucket(BUCKET));
    main = account(Optional.empty());
    test = account(Optional.of(TEST_ROLE));
    production = account(Optional.of(PRODUCTION_ROLE));
    main.emulator().createModelPackageGroup(b -> b.modelPackageGroupName("gf-uc-17"));
    v1 = AwsDeploymentActivitiesIT.registered(main.emulator(), "uc-17-v1");
  }

  @AfterEach
  void everyRequestFitsSageMakersModel() {
    for (Account account : accounts) {
      assertThat(account.gaps().violations()).isEmpty();
      account.sageMaker().close();
      account.gaps().close();
      account.emulator().close();
    }
    accounts.clear();
  }

  @Test
  void productionEndpointItsConfigurationAndModelAreCreatedInTheProductionAccount() {
    AwsDeploymentActivities deployment = deployment(shared(Environment.TEST), own(Environment.PRODUCTION));

    EndpointRef served = deployment.deploy(request(Environment.PRODUCTION));

    assertThat(served.endpointName()).isEqualTo("gf-uc-17-prod");
    assertThat(served.captureLocation()).isEqualTo("s3://govflow-artifacts/govflow/data-capture/gf-uc-17-prod");
    assertThat(production.endpoints()).containsExactly("gf-uc-17-prod");
    assertThat(production.endpointConfigs()).containsExactly("gf-uc-17-v1-prod-config");
    assertThat(production.models()).containsExactly("gf-uc-17-v1-model");
    DescribeModelResponse model = production.emulator().describeModel(b -> b.modelName("gf-uc-17-v1-model"));
    assertThat(model.modelArn()).contains(":" + PRODUCTION_ACCOUNT + ":");
    assertThat(model.executionRoleArn()).isEqualTo(PRODUCTION_EXECUTION_ROLE);
    assertThat(model.primaryContainer().modelPackageName()).isEqualTo(v1.modelPackageId())
        .contains(":" + MAIN_ACCOUNT + ":model-package/gf-uc-17/");
    assertThat(production.emulator().describeEndpoint(b -> b.endpointName("gf-uc-17-prod")).endpointArn())
        .contains(":" + PRODUCTION_ACCOUNT + ":");
    assertThat(main.endpoints()).isEmpty();
    assertThat(main.endpointConfigs()).isEmpty();
    assertThat(main.models()).isEmpty();
  }

  @Test
  void testEndpointStaysInTheWorkersAccountWhenTheTestEnvironmentHasNoRole() {
    AwsDeploymentActivities deployment = deployment(shared(Environment.TEST), own(Environment.PRODUCTION));

    deployment.deploy(request(Environment.TEST));
    deployment.deploy(request(Environment.PRODUCTION));

    assertThat(main.endpoints()).containsExactly("gf-uc-17-test");
    assertThat(main.endpointConfigs()).containsExactly("gf-uc-17-v1-test-config");
    assertThat(main.emulator().describeModel(b -> b.modelName("gf-uc-17-v1-model")).executionRoleArn())
        .isEqualTo(MAIN_EXECUTION_ROLE);
    assertThat(production.endpoints()).containsExactly("gf-uc-17-prod");
    assertThat(grantedAccounts()).containsExactly(PRODUCTION_ACCOUNT);
  }

  @Test
  void eachEnvironmentServesInItsOwnAccountAndTheGroupGrantsExactlyThoseAccounts() {
    AwsDeploymentActivities deployment = deployment(own(Environment.TEST), own(Environment.PRODUCTION));

    deployment.deploy(request(Environment.TEST));
    deployment.deploy(request(Environment.PRODUCTION));

    assertThat(test.endpoints()).containsExactly("gf-uc-17-test");
    assertThat(test.emulator().describeModel(b -> b.modelName("gf-uc-17-v1-model")).executionRoleArn())
        .isEqualTo(TEST_EXECUTION_ROLE);
    assertThat(production.endpoints()).containsExactly("gf-uc-17-prod");
    assertThat(main.endpoints()).isEmpty();
    assertThat(main.models()).isEmpty();
    assertThat(grantedAccounts()).containsExactlyInAnyOrder(TEST_ACCOUNT, PRODUCTION_ACCOUNT);
    assertThat(policy().get("Statement")).allSatisfy(statement -> {
      assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
      assertThat(statement.get("Action")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(
          ModelPackageGroupGrants.ACTIONS);
      assertThat(statement.get("Resource")).extracting(JsonNode::asText).containsExactly(
          "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/gf-uc-17",
          "arn:aws:sagemaker:us-east-1:123456789012:model-package/gf-uc-17/*");
    });
  }

  @Test
  void retriedProductionDeploymentCreatesNothingTwiceAndLeavesTheGroupPolicyAsItWas() {
    AwsDeploymentActivities deployment = deployment(shared(Environment.TEST), own(Environment.PRODUCTION));
    EndpointRef first = deployment.deploy(request(Environment.PRODUCTION));
    String policyBefore = policyText();
    accounts.forEach(account -> account.gaps().forgetRequests());

    EndpointRef retried = deployment.deploy(request(Environment.PRODUCTION));

    assertThat(retried).isEqualTo(first);
    assertThat(main.gaps().sent()).contains("GetModelPackageGroupPolicy")
        .doesNotContain("PutModelPackageGroupPolicy");
    assertThat(production.gaps().sent())
        .noneMatch(operation -> operation.startsWith("Create") || operation.startsWith("Update"));
    assertThat(policyText()).isEqualTo(policyBefore);
    assertThat(production.endpoints()).hasSize(1);
    assertThat(production.endpointConfigs()).hasSize(1);
    assertThat(production.models()).hasSize(1);
  }

  @Test
  void othersStatementsStayInTheGroupPolicyAndAStaleGrantIsReplaced() {
    String others = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "AuditorsRead", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
           "Action": "sagemaker:DescribeModelPackageGroup",
           "Resource": "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/gf-uc-17"},
          {"Sid": "GovflowDeploysTo444455556666", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sagemaker:DescribeModelPackage",
           "Resource": "arn:aws:sagemaker:us-east-1:123456789012:model-package/gf-uc-17/1"}]}""";
    main.sageMaker().putModelPackageGroupPolicy(b -> b.modelPackageGroupName("gf-uc-17").resourcePolicy(others));

    deployment(shared(Environment.TEST), own(Environment.PRODUCTION)).deploy(request(Environment.PRODUCTION));

    JsonNode statements = policy().get("Statement");
    assertThat(statements).extracting(statement -> statement.get("Sid").asText())
        .containsExactly("AuditorsRead", "GovflowDeploysTo444455556666");
    assertThat(statements.get(0).get("Principal").get("AWS").asText()).isEqualTo("arn:aws:iam::999988887777:root");
    assertThat(statements.get(1).get("Action")).hasSize(ModelPackageGroupGrants.ACTIONS.size());
  }

  @Test
  void environmentRoleInTheGroupsAccountNeedsNoGrant() {
    EnvironmentAccount sameAccount = new EnvironmentAccount(Environment.PRODUCTION,
        Optional.of("arn:aws:iam::123456789012:role/govflow-production"), MAIN_EXECUTION_ROLE, main.sageMaker());

    deployment(shared(Environment.TEST), sameAccount).deploy(request(Environment.PRODUCTION));

    assertThat(main.endpoints()).containsExactly("gf-uc-17-prod");
    assertThat(main.gaps().sent()).doesNotContain("GetModelPackageGroupPolicy", "PutModelPackageGroupPolicy");
  }

  @Test
  void undeployDeletesTheEndpointInItsEnvironmentsAccount() {
    AwsDeploymentActivities deployment = deployment(shared(Environment.TEST), own(Environment.PRODUCTION));
    deployment.deploy(request(Environment.TEST));
    deployment.deploy(request(Environment.PRODUCTION));

    deployment.undeploy("gf-uc-17-prod");

    assertThat(production.endpoints()).isEmpty();
    assertThat(production.models()).containsExactly("gf-uc-17-v1-model");
    assertThat(main.endpoints()).containsExactly("gf-uc-17-test");
  }

  private Account account(Optional<String> roleArn) {
    Account account = Account.of(roleArn.map(aws.moto()::assumedRole).orElseGet(aws.moto()::credentials));
    accounts.add(account);
    return account;
  }

  private EnvironmentAccount shared(Environment environment) {
    return EnvironmentAccount.shared(environment, MAIN_EXECUTION_ROLE, main.sageMaker());
  }

  private EnvironmentAccount own(Environment environment) {
    return environment == Environment.TEST
        ? new EnvironmentAccount(environment, Optional.of(TEST_ROLE), TEST_EXECUTION_ROLE, test.sageMaker())
        : new EnvironmentAccount(environment, Optional.of(PRODUCTION_ROLE), PRODUCTION_EXECUTION_ROLE,
            production.sageMaker());
  }

  private AwsDeploymentActivities deployment(EnvironmentAccount testAccount, EnvironmentAccount productionAccount) {
    return new AwsDeploymentActivities(main.sageMaker(),
        Map.of(Environment.TEST, testAccount, Environment.PRODUCTION, productionAccount),
        new S3ArtifactStore(aws.s3(), BUCKET, "govflow"), EndpointSettings.defaults().withPollInterval(Duration.ZERO));
  }

  private DeploymentRequest request(Environment environment) {
    return new DeploymentRequest("uc-17", "uc-17-v1", environment, v1);
  }

  private String policyText() {
    return main.sageMaker().getModelPackageGroupPolicy(b -> b.modelPackageGroupName("gf-uc-17")).resourcePolicy();
  }

  private JsonNode policy() {
    try {
      return json.readTree(policyText());
    } catch (IOException e) {
      throw new AssertionError("the group's policy is not JSON: " + policyText(), e);
    }
  }

  /** The accounts govflow's statements grant, read from their principals. */
  private List<String> grantedAccounts() {
    List<String> granted = new ArrayList<>();
    for (JsonNode statement : policy().get("Statement")) {
      if (statement.get("Sid").asText().startsWith(ModelPackageGroupGrants.SID_PREFIX)) {
        granted.add(statement.get("Principal").get("AWS").asText().replaceAll("arn:aws:iam::(\\d+):root", "$1"));
      }
    }
    return granted;
  }
}
