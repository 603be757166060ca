package io.govflow.deployment;

import io.temporal.activity.ActivityInterface;

/**
 * Steps 9 and 12, one implementation per provider. Both calls are idempotent: deploying the version an endpoint
 * already serves changes nothing, and undeploying an endpoint that is gone succeeds.
 */
@ActivityInterface
public interface DeploymentActivities {

  /** Serves the request's model version under {@link EndpointNames#of}, with data capture on. */
  EndpointRef deploy(DeploymentRequest request);

  /** Stops serving the endpoint; its captured data stays, as evidence. */
  void undeploy(String endpointName);
}
