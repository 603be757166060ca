package io.govflow.deployment.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which model version each local endpoint serves, as one JSON document in the artifact store
 * ({@value #KEY}), so that a restarted worker serves again what it served. One worker owns the store's endpoints;
 * its changes are serialised here and each rewrites the document whole, which a reader never sees half-written.
 */
public final class EndpointRegistry {

  static final String KEY = "endpoints/registry.json";

  private final ArtifactStore store;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public EndpointRegistry(ArtifactStore store) {
    this.store = store;
  }

  /** Every endpoint, by name. */
  public synchronized List<DeployedEndpoint> all() {
    return List.copyOf(read().values());
  }

  public synchronized Optional<DeployedEndpoint> find(String endpointName) {
    return Optional.ofNullable(read().get(endpointName));
  }

  synchronized void put(DeployedEndpoint endpoint) {
    Map<String, DeployedEndpoint> endpoints = read();
    endpoints.put(endpoint.endpointName(), endpoint);
    write(endpoints);
  }

  synchronized void remove(String endpointName) {
    Map<String, DeployedEndpoint> endpoints = read();
    if (endpoints.remove(endpointName) != null) {
      write(endpoints);
    }
  }

  private Map<String, DeployedEndpoint> read() {
    String location = store.locationOf(KEY);
    Map<String, DeployedEndpoint> endpoints = new TreeMap<>();
    if (store.exists(location)) {
      try {
        json.readValue(store.get(location), new TypeReference<List<DeployedEndpoint>>() {})
            .forEach(endpoint -> endpoints.put(endpoint.endpointName(), endpoint));
      } catch (IOException e) {
        throw new UncheckedIOException("unreadable endpoint registry " + location, e);
      }
    }
    return endpoints;
  }

  private void write(Map<String, DeployedEndpoint> endpoints) {
    try {
      store.put(KEY, "endpoint-registry",
          json.writerWithDefaultPrettyPrinter().writeValueAsBytes(List.copyOf(endpoints.values())),
          "application/json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the endpoint registry", e);
    }
  }
}
