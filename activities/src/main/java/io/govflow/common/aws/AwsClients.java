package io.govflow.common.aws;

import io.govflow.common.GovflowConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Locale;
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
 * client signs with the role's session, refreshed before it expires.
 */
@Singleton
public class AwsClients implements AutoCloseable {

  private final DefaultCredentialsProvider chain;
  private final Optional<StsClient> sts;
  private final Optional<StsAssumeRoleCredentialsProvider> assumedRole;
  private final SageMakerClient sageMaker;
  private final SageMakerRuntimeClient sageMakerRuntime;
  private final DataZoneClient dataZone;
  private final S3Client s3;

  @Inject
  AwsClients(GovflowConfig config) {
    this(config.aws());
  }

  public AwsClients(GovflowConfig.Aws aws) {
    Region region = Region.of(required(aws.region(), "govflow.aws.region"));
    Optional<URI> endpoint = aws.endpointOverride();
    chain = DefaultCredentialsProvider.builder().build();
    sts = aws.roleArn().map(role -> client(StsClient.builder(), region, chain, endpoint));
    assumedRole = aws.roleArn().map(role -> StsAssumeRoleCredentialsProvider.builder().stsClient(sts.orElseThrow())
        .refreshRequest(r -> r.roleArn(role).roleSessionName(aws.roleSessionName()))
        .build());
    AwsCredentialsProvider signer = credentials();
    sageMaker = client(SageMakerClient.builder(), region, signer, endpoint);
    sageMakerRuntime = client(SageMakerRuntimeClient.builder(), region, signer, endpoint);
    dataZone = client(DataZoneClient.builder(), region, signer, aws.datazone().endpointOverride().or(() -> endpoint));
    s3 = client(S3Client.builder().forcePathStyle(aws.pathStyleAccess()), region, signer, endpoint);
  }

  /**
   * The value of a setting the aws provider cannot do without; missing, the worker stops at start-up naming the key
   * and its environment variable.
   */
  public static <T> T required(Optional<T> value, String key) {
    return value.orElseThrow(() -> new IllegalStateException(key + " (environment variable "
        + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ") is required when govflow.provider is "
        + "aws; see \"Running on AWS\" in the README"));
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

  /** What every client signs with: the default chain's identity, or the assumed role's session. */
  public AwsCredentialsProvider credentials() {
    return assumedRole.<AwsCredentialsProvider>map(role -> role).orElse(chain);
  }

  @PreDestroy
  @Override
  public void close() {
    s3.close();
    dataZone.close();
    sageMakerRuntime.close();
    sageMaker.close();
    assumedRole.ifPresent(StsAssumeRoleCredentialsProvider::close);
    sts.ifPresent(StsClient::close);
    chain.close();
  }

  private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(
      B builder, Region region, AwsCredentialsProvider signer, Optional<URI> endpoint) {
    builder.region(region).credentialsProvider(signer).httpClientBuilder(ApacheHttpClient.builder());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
