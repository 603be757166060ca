package io.govflow.common.aws;

import io.govflow.deployment.Environment;
import java.util.Optional;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Where an environment's endpoints live: the SageMaker client of its account and the role SageMaker serves its
 * models as there. {@code roleArn} is the role assumed for the environment, empty when the environment shares the
 * worker's clients (and account).
 */
public record EnvironmentAccount(
    Environment environment, Optional<String> roleArn, String executionRoleArn, SageMakerClient sageMaker) {

  /** The environment in the worker's own account, served as {@code executionRoleArn}. */
  public static EnvironmentAccount shared(Environment environment, String executionRoleArn,
      SageMakerClient sageMaker) {
    return new EnvironmentAccount(environment, Optional.empty(), executionRoleArn, sageMaker);
  }

  /** The account of the environment's own role; empty when it is the worker's. */
  public Optional<String> accountId() {
    return roleArn.flatMap(EnvironmentAccount::accountOf);
  }

  /** The account id in an ARN ({@code arn:aws:iam::210987654321:role/x} → {@code 210987654321}). */
  public static Optional<String> accountOf(String arn) {
    return Arn.fromString(arn).accountId().filter(account -> !account.isEmpty());
  }
}
