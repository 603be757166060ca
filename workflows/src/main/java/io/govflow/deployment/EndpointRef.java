package io.govflow.deployment;

/**
 * A deployed endpoint: its name, where to invoke it (SageMaker's InvokeEndpoint contract: POST CSV or JSON rows to
 * {@code url}), the model version it serves, and the root under which its data capture files accumulate.
 */
public record EndpointRef(
    String endpointName, Environment environment, String url, String modelVersionId, String captureLocation) {}
