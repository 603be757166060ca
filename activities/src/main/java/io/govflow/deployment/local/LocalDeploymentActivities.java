package io.govflow.deployment.local;

import io.govflow.common.DataProblem;
import io.govflow.deployment.DeploymentActivities;
import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointNames;
import io.govflow.deployment.EndpointRef;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evaluation.metrics.TableFormatException;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.training.CandidateModel;
import io.govflow.training.local.LocalModel;
import io.govflow.training.local.RowEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Steps 9 and 12 on one machine: a model version is served by the worker's {@link EndpointServer} under its
 * endpoint's name, recorded in the {@link EndpointRegistry} first, so that a worker stopped at any point serves
 * after its restart what it promised. Constructing this restores every endpoint the registry lists.
 */
public class LocalDeploymentActivities implements DeploymentActivities {

  private static final Logger LOG = Logger.getLogger(LocalDeploymentActivities.class);

  private final LocalArtifactStore store;
  private final EndpointServer server;
  private final EndpointRegistry registry;

  public LocalDeploymentActivities(LocalArtifactStore store, EndpointServer server) {
    this.store = store;
    this.server = server;
    this.registry = new EndpointRegistry(store);
    restore();
  }

  /** Serves the version; a repeat for the version already served changes nothing, not even its deployment time. */
  @Override
  public EndpointRef deploy(DeploymentRequest request) {
    String name = EndpointNames.of(request.useCaseId(), request.environment());
    Optional<DeployedEndpoint> recorded = registry.find(name)
        .filter(endpoint -> endpoint.modelVersionId().equals(request.modelVersionId()));
    boolean serving = server.served(name)
        .filter(served -> served.modelVersionId().equals(request.modelVersionId())).isPresent();
    if (recorded.isPresent() && serving) {
      return ref(recorded.get());
    }
    CandidateModel candidate = request.candidate();
    LocalModel model = LocalModel.fromStore(store, candidate.modelLocation());
    List<String> features = featureColumns(candidate.testDataLocation(), model.encoding());
    String captureLocation = store.locationOf(DataCapture.rootKey(name));
    createFolder(captureLocation);
    DeployedEndpoint endpoint = recorded.orElseGet(() -> new DeployedEndpoint(name, request.useCaseId(),
        request.environment(), request.modelVersionId(), candidate.modelLocation(), features, captureLocation,
        server.clock().instant()));
    if (recorded.isEmpty()) {
      registry.put(endpoint);
    }
    server.serve(name, new ServedModel(request.modelVersionId(), model, features));
    return ref(endpoint);
  }

  @Override
  public void undeploy(String endpointName) {
    server.stopServing(endpointName);
    registry.remove(endpointName);
  }

  public EndpointRegistry registry() {
    return registry;
  }

  /** An endpoint whose model cannot be read is left out, logged, and served again by its next deployment. */
  private void restore() {
    for (DeployedEndpoint endpoint : registry.all()) {
      try {
        LocalModel model = LocalModel.fromStore(store, endpoint.modelLocation());
        server.serve(endpoint.endpointName(),
            new ServedModel(endpoint.modelVersionId(), model, endpoint.featureColumns()));
        LOG.infof("endpoint %s serves %s again at %s", endpoint.endpointName(), endpoint.modelVersionId(),
            server.invocationsUrl(endpoint.endpointName()));
      } catch (RuntimeException e) {
        LOG.errorf("endpoint %s is not restored (%s): deploy its model version again", endpoint.endpointName(),
            e.getMessage());
      }
    }
  }

  private EndpointRef ref(DeployedEndpoint endpoint) {
    return new EndpointRef(endpoint.endpointName(), endpoint.environment(),
        server.invocationsUrl(endpoint.endpointName()), endpoint.modelVersionId(), endpoint.captureLocation());
  }

  /**
   * The training CSV's columns without the label, read from the header of the held-out split, which keeps them in
   * the order of the use case's CSV: the order of a headerless CSV row.
   */
  private List<String> featureColumns(String testDataLocation, RowEncoding encoding) {
    List<String> columns;
    try {
      columns = new ArrayList<>(Table.parse(store.get(testDataLocation)).columns());
    } catch (ArtifactNotFoundException | TableFormatException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("the test split at " + testDataLocation
          + " cannot be read (" + e.getMessage() + "): train the model version again", e);
    }
    columns.remove(encoding.label());
    List<String> unknown = new ArrayList<>(encoding.numericColumns());
    unknown.addAll(encoding.categoricalColumns());
    unknown.removeAll(columns);
    if (!unknown.isEmpty()) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("the model uses columns " + unknown
          + " that its test split at " + testDataLocation + " lacks: train the model version again");
    }
    return List.copyOf(columns);
  }

  private void createFolder(String location) {
    try {
      Files.createDirectories(store.pathOf(location));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data capture folder " + location, e);
    }
  }
}
