package io.govflow.modelregistry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The local provider's model registry: groups and packages as JSON documents in the artifact store. Creating what
 * exists returns the existing entry, as a retried activity expects.
 */
public class LocalModelRegistry {

  private final ArtifactStore store;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public LocalModelRegistry(ArtifactStore store) {
    this.store = store;
  }

  public LocalModelPackageGroup ensureGroup(LocalModelPackageGroup group) {
    return read(groupKey(group.name()), LocalModelPackageGroup.class).orElseGet(() -> write(groupKey(group.name()), group));
  }

  public Optional<LocalModelPackageGroup> group(String name) {
    return read(groupKey(name), LocalModelPackageGroup.class);
  }

  /** Registers a package once; a second call with the same id returns the first registration unchanged. */
  public LocalModelPackage register(LocalModelPackage modelPackage) {
    if (group(modelPackage.modelPackageGroup()).isEmpty()) {
      throw new IllegalStateException("model package group " + modelPackage.modelPackageGroup() + " does not exist");
    }
    String key = packageKey(modelPackage.modelPackageGroup(), modelPackage.modelPackageId());
    return read(key, LocalModelPackage.class).orElseGet(() -> write(key, modelPackage));
  }

  public Optional<LocalModelPackage> find(String group, String modelPackageId) {
    return read(packageKey(group, modelPackageId), LocalModelPackage.class);
  }

  public LocalModelPackage updateStatus(String group, String modelPackageId, ModelVersionStatus status, String description) {
    LocalModelPackage current = find(group, modelPackageId)
        .orElseThrow(() -> new IllegalStateException("model package " + modelPackageId + " is not registered"));
    return write(packageKey(group, modelPackageId), current.withStatus(status, description));
  }

  private static String groupKey(String group) {
    return "model-registry/" + group + "/group.json";
  }

  private static String packageKey(String group, String modelPackageId) {
    return "model-registry/" + group + "/packages/" + modelPackageId + ".json";
  }

  private <T> Optional<T> read(String key, Class<T> type) {
    String location = store.locationOf(key);
    if (!store.exists(location)) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(store.get(location), type));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable registry entry " + location, e);
    }
  }

  private <T> T write(String key, T value) {
    try {
      store.put(key, key, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value), "application/json");
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write registry entry " + key, e);
    }
  }
}
