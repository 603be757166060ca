/**
 * Step 10 on SageMaker: the held-out split sent row by row to the test endpoint through the runtime API, its answers
 * checked for their contract, latency and agreement with the offline evaluation by {@code EndpointChecks}.
 */
package io.govflow.validation.aws;
