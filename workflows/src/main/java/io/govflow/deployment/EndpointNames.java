package io.govflow.deployment;

import io.govflow.common.Digests;

/**
 * Endpoint names derived from the use case and environment, one endpoint per pair: a newer model version replaces
 * the one served under the same name, and a retried deployment finds the endpoint it made. SageMaker allows at most
 * 63 characters of {@code [a-zA-Z0-9-]}.
 */
public final class EndpointNames {

  private static final int MAX_LENGTH = 63;

  private EndpointNames() {}

  /** {@code gf-<useCaseId>-test} or {@code gf-<useCaseId>-prod}; a long id is cut and a hash keeps names distinct. */
  public static String of(String useCaseId, Environment environment) {
    String suffix = "-" + environment.suffix();
    String name = "gf-" + useCaseId.replaceAll("[^a-zA-Z0-9-]", "-") + suffix;
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String hashed = "-" + Digests.sha256(useCaseId).substring(0, 8) + suffix;
    return name.substring(0, MAX_LENGTH - hashed.length()) + hashed;
  }
}
