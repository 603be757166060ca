package io.govflow.project.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelregistry.LocalModelPackageGroup;
import io.govflow.modelregistry.LocalModelRegistry;
import io.govflow.project.ModelCards;
import io.govflow.project.ProjectActivities;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import io.govflow.project.StoredModelCards;
import io.govflow.usecase.UseCaseDefinition;

/**
 * Step 3 on this machine: a project record in the artifact store, the use case's model package group in the local
 * registry, and the model version's draft card. Names derive from the use case, and what exists is adopted as it
 * is, so a retry returns the same reference and never overwrites a card that later steps have updated.
 */
public class LocalProjectActivities implements ProjectActivities {

  private static final String JSON = "application/json";
  /** Retirement named a model version (or project) that step 3 never set up. */

  private final LocalArtifactStore store;
  private final LocalModelRegistry registry;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public LocalProjectActivities(LocalArtifactStore store, LocalModelRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  /** One project and one model package group per use case. */
  public static String projectId(String useCaseId) {
    return "gf-" + useCaseId;
  }

  public static String projectKey(String projectId) {
    return "projects/" + projectId + "/project.json";
  }

  @Override
  public ProjectRef setUpProject(ProjectRequest request) {
    String projectId = projectId(request.useCaseId());
    UseCaseDefinition definition = request.definition();
    ensureProject(new LocalProject(projectId, request.useCaseId(), definition.name(), definition.owner(),
        definition.stakeholders(), definition.lineOfBusiness(), definition.businessProblem()));
    LocalModelPackageGroup group = registry.ensureGroup(
        new LocalModelPackageGroup(projectId, projectId, "Model versions of use case " + request.useCaseId()
            + ": " + definition.name()));
    EvidenceRef card = ensureDraftCard(request);
    return new ProjectRef(projectId, group.name(), card);
  }

  private void ensureProject(LocalProject project) {
    String key = projectKey(project.projectId());
    if (!store.exists(store.locationOf(key))) {
      store.put(key, "project", bytes(project), JSON);
    }
  }

  private EvidenceRef ensureDraftCard(ProjectRequest request) {
    String key = ArtifactStore.evidenceKey(request.useCaseId(), request.modelVersionId(), EvidenceRef.MODEL_CARD);
    String location = store.locationOf(key);
    if (store.exists(location)) {
      return new EvidenceRef(EvidenceRef.MODEL_CARD, location, Digests.sha256(store.get(location)), JSON);
    }
    return store.put(key, EvidenceRef.MODEL_CARD,
        bytes(ModelCards.draft(request.useCaseId(), request.modelVersionId(), request.definition())), JSON);
  }

  private byte[] bytes(Object value) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  @Override
  public EvidenceRef archiveModelCard(String useCaseId, String modelVersionId) {
    return StoredModelCards.archive(store, useCaseId, modelVersionId);
  }

}
