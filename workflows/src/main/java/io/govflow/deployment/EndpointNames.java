package io.govflow.deployment;

import io.govflow.common.ResourceNames;
import java.util.Arrays;
import java.util.Optional;

/**
 * Endpoint names derived from the use case and environment, one endpoint per pair: a newer model version replaces
 * the one served under the same name, and a retried deployment finds the endpoint it made.
 */
public final class EndpointNames {

  private EndpointNames() {}

  /** {@code gf-<useCaseId>-test} or {@code gf-<useCaseId>-prod}, within SageMaker's limits ({@link ResourceNames}). */
  public static String of(String useCaseId, Environment environment) {
    return ResourceNames.of(useCaseId, environment.suffix());
  }

  /** The environment whose endpoint {@link #of} named so, or empty for a name it does not give. */
  public static Optional<Environment> environmentOf(String endpointName) {
    return Arrays.stream(Environment.values())
        .filter(environment -> endpointName.startsWith("gf-") && endpointName.endsWith("-" + environment.suffix()))
        .findFirst();
  }
}
