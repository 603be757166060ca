package io.govflow.deployment.local;

import io.govflow.deployment.Environment;
import java.time.Instant;
import java.util.List;

/** An endpoint as the registry keeps it: enough to serve it again after a restart, and to say since when. */
public record DeployedEndpoint(
    String endpointName,
    String useCaseId,
    Environment environment,
    String modelVersionId,
    String modelLocation,
    List<String> featureColumns,
    String captureLocation,
    Instant deployedAt) {

  public DeployedEndpoint {
    featureColumns = List.copyOf(featureColumns);
  }
}
