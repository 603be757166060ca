package io.govflow.common.aws;

import io.govflow.common.GovflowConfig;
import io.govflow.deployment.Environment;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.datazone.DataZoneClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The aws provider's SDK clients, built from {@code govflow.aws.*}. A singleton is created on first lookup, and only
 * the aws provider looks it up, so the local default needs no AWS setting and no credentials. Credentials come from
 * the SDK's default chain; with {@code govflow.aws.role-arn} that identity assumes the role through STS and every
 * client signs with the role's session, refreshed before it expires. An environment with a role of its own
 * ({@code govflow.aws.environments.<test|production>.role-arn}) gets its own SageMaker and SageMaker runtime clients,
 * signing with that role's session, which the chain's identity assumes the same way.
 */
@Singleton
public class AwsClients implements AutoCloseable {

  private final GovflowConfig.Aws aws;
  private final DefaultCredentialsProvider chain;
  private final Optional<StsClient> sts;
  private final Optional<StsAssumeRoleCredentialsProvider> assumedRole;
  private final SageMakerClient sageMaker;
  private final SageMakerRuntimeClient sageMakerRuntime;
  private final DataZoneClient dataZone;
  private final S3Client s3;
  private final Map<Environment, OwnClients> environments = new EnumMap<>(Environment.class);

  /** The clients of an environment with a role of its own. */
  private record OwnClients(String roleArn, StsAssumeRoleCredentialsProvider role, SageMakerClient sageMaker,
      SageMakerRuntimeClient sageMakerRuntime) {}

  @Inject
  AwsClients(GovflowConfig config) {
    this(config.aws());
  }

  public AwsClients(GovflowConfig.Aws aws) {
    this.aws = aws;
    Region region = Region.of(required(aws.region(), "govflow.aws.region"));
    Optional<URI> endpoint = aws.endpointOverride();
    chain = DefaultCredentialsProvider.builder().build();
    boolean assumesRoles = aws.roleArn().isPresent()
        || Arrays.stream(Environment.values()).anyMatch(environment -> account(environment).roleArn().isPresent());
    sts = assumesRoles ? Optional.of(client(StsClient.builder(), region, chain, endpoint)) : Optional.empty();
    assumedRole = aws.roleArn().map(this::assume);
    AwsCredentialsProvider signer = credentials();
    sageMaker = client(SageMakerClient.builder(), region, signer, endpoint);
    sageMakerRuntime = client(SageMakerRuntimeClient.builder(), region, signer, endpoint);
    dataZone = client(DataZoneClient.builder(), region, signer, aws.datazone().endpointOverride().or(() -> endpoint));
    s3 = client(S3Client.builder().forcePathStyle(aws.pathStyleAccess()), region, signer, endpoint);
    for (Environment environment : Environment.values()) {
      account(environment).roleArn().ifPresent(roleArn -> {
        StsAssumeRoleCredentialsProvider role = assume(roleArn);
        environments.put(environment, new OwnClients(roleArn, role,
            client(SageMakerClient.builder(), region, role, endpoint),
            client(SageMakerRuntimeClient.builder(), region, role, endpoint)));
      });
    }
  }

  /**
   * The value of a setting the aws provider cannot do without; missing, the worker stops at start-up naming the key
   * and its environment variable.
   */
  public static <T> T required(Optional<T> value, String key) {
    return value.orElseThrow(() -> new IllegalStateException(key + " (environment variable "
        + variable(key) + ") is required when govflow.provider is aws; see \"Running on AWS\" in the README"));
  }

  /** The environment variable that sets {@code key}. */
  static String variable(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public SageMakerClient sageMaker() {
    return sageMaker;
  }

  /** InvokeEndpoint, for validating a test endpoint (step 10). */
  public SageMakerRuntimeClient sageMakerRuntime() {
    return sageMakerRuntime;
  }

  public DataZoneClient dataZone() {
    return dataZone;
  }

  public S3Client s3() {
    return s3;
  }

  /** The test endpoint's runtime (step 10): the test environment's own client, or the one above. */
  public SageMakerRuntimeClient sageMakerRuntime(Environment environment) {
    OwnClients own = environments.get(environment);
    return own == null ? sageMakerRuntime : own.sageMakerRuntime();
  }

  /**
   * Where the environment's endpoints live. Its execution role is {@code govflow.aws.environments.<name>.
   * execution-role-arn}, or else {@code govflow.aws.execution-role-arn}; it must be a role of the environment's
   * account, since SageMaker serves a model only as a role of the account the model is in: an environment role in
   * another account than the execution role stops the worker at start-up, naming the key to set.
   */
  public EnvironmentAccount environment(Environment environment) {
    OwnClients own = environments.get(environment);
    Optional<String> roleArn = Optional.ofNullable(own).map(OwnClients::roleArn);
    String key = "govflow.aws.environments." + name(environment) + ".execution-role-arn";
    String executionRoleArn = account(environment).executionRoleArn()
        .orElseGet(() -> required(aws.executionRoleArn(), "govflow.aws.execution-role-arn"));
    Optional<String> executionAccount = EnvironmentAccount.accountOf(executionRoleArn);
    Optional<String> environmentAccount = roleArn.or(() -> aws.executionRoleArn())
        .flatMap(EnvironmentAccount::accountOf);
    if (environmentAccount.isPresent() && !environmentAccount.equals(executionAccount)) {
      throw new IllegalStateException("the " + name(environment) + " environment is in account "
          + environmentAccount.get() + " but its execution role " + executionRoleArn + " is not: set " + key
          + " (environment variable " + variable(key) + ") to a role of account " + environmentAccount.get()
          + " that SageMaker may assume; see \"Running on AWS\" in the README");
    }
    return new EnvironmentAccount(environment, roleArn, executionRoleArn,
        own == null ? sageMaker : own.sageMaker());
  }

  /** Both environments, for step 9 and 12's deployments. */
  public Map<Environment, EnvironmentAccount> environments() {
    Map<Environment, EnvironmentAccount> all = new EnumMap<>(Environment.class);
    for (Environment environment : Environment.values()) {
      all.put(environment, environment(environment));
    }
    return all;
  }

  /** What every client signs with: the default chain's identity, or the assumed role's session. */
  public AwsCredentialsProvider credentials() {
    return assumedRole.<AwsCredentialsProvider>map(role -> role).orElse(chain);
  }

  @PreDestroy
  @Override
  public void close() {
    for (OwnClients own : environments.values()) {
      own.sageMakerRuntime().close();
      own.sageMaker().close();
      own.role().close();
    }
    s3.close();
    dataZone.close();
    sageMakerRuntime.close();
    sageMaker.close();
    assumedRole.ifPresent(StsAssumeRoleCredentialsProvider::close);
    sts.ifPresent(StsClient::close);
    chain.close();
  }

  /** A session of {@code roleArn} for the default chain's identity, refreshed before it expires. */
  private StsAssumeRoleCredentialsProvider assume(String roleArn) {
    return StsAssumeRoleCredentialsProvider.builder().stsClient(sts.orElseThrow())
        .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(aws.roleSessionName()))
        .build();
  }

  private GovflowConfig.Aws.Account account(Environment environment) {
    return switch (environment) {
      case TEST -> aws.environments().test();
      case PRODUCTION -> aws.environments().production();
    };
  }

  /** The environment's name in {@code govflow.aws.environments.<name>.*}. */
  private static String name(Environment environment) {
    return environment.name().toLowerCase(Locale.ROOT);
  }

  private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(
      B builder, Region region, AwsCredentialsProvider signer, Optional<URI> endpoint) {
    builder.region(region).credentialsProvider(signer).httpClientBuilder(ApacheHttpClient.builder());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
