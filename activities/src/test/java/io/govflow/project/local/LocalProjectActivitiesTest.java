package io.govflow.project.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelregistry.LocalModelRegistry;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import io.govflow.project.TestUseCases;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProjectActivitiesTest {

  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  @TempDir
  Path root;

  @Test
  void setUpCreatesProjectLinkedGroupAndDraftCard() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    LocalModelRegistry registry = new LocalModelRegistry(store);

    ProjectRef ref = new LocalProjectActivities(store, registry).setUpProject(request("uc17-v1"));

    assertThat(ref.projectId()).isEqualTo("gf-uc17");
    assertThat(ref.modelPackageGroup()).isEqualTo("gf-uc17");
    assertThat(registry.group("gf-uc17")).get().satisfies(group -> assertThat(group.projectId()).isEqualTo("gf-uc17"));
    JsonNode project = json.readTree(store.get(store.locationOf("projects/gf-uc17/project.json")));
    assertThat(project.path("owner").asText()).isEqualTo("owner1");
    assertThat(project.path("lineOfBusiness").asText()).isEqualTo("Retail lending");
    assertThat(project.path("stakeholders")).hasSize(3);

    EvidenceRef card = ref.modelCard();
    assertThat(card.name()).isEqualTo(EvidenceRef.MODEL_CARD);
    assertThat(card.location())
        .isEqualTo(store.locationOf(ArtifactStore.evidenceKey("uc17", "uc17-v1", EvidenceRef.MODEL_CARD)));
    byte[] bytes = store.get(card.location());
    assertThat(Digests.sha256(bytes)).isEqualTo(card.sha256());
    assertThat(json.readTree(bytes).path("model_card_status").asText()).isEqualTo("Draft");
  }

  @Test
  void settingUpTwiceAdoptsWhatExistsAndReturnsTheSameRef() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    LocalModelRegistry registry = new LocalModelRegistry(store);

    ProjectRef first = new LocalProjectActivities(store, registry).setUpProject(request("uc17-v1"));
    ProjectRef second = new LocalProjectActivities(store, registry).setUpProject(request("uc17-v1"));

    assertThat(second).isEqualTo(first);
    try (Stream<Path> groups = Files.list(root.resolve("model-registry"))) {
      assertThat(groups).extracting(path -> path.getFileName().toString()).containsExactly("gf-uc17");
    }
  }

  @Test
  void retryKeepsACardThatALaterStepUpdated() {
    LocalArtifactStore store = new LocalArtifactStore(root);
    LocalProjectActivities activities = new LocalProjectActivities(store, new LocalModelRegistry(store));
    ProjectRef first = activities.setUpProject(request("uc17-v1"));
    String key = ArtifactStore.evidenceKey("uc17", "uc17-v1", EvidenceRef.MODEL_CARD);
    byte[] approvedCard = "{\"model_card_status\": \"Approved\"}".getBytes(StandardCharsets.UTF_8);
    EvidenceRef updated = store.put(key, EvidenceRef.MODEL_CARD, approvedCard, "application/json");

    ProjectRef again = activities.setUpProject(request("uc17-v1"));

    assertThat(again.modelCard()).isEqualTo(updated);
    assertThat(again.modelCard().sha256()).isNotEqualTo(first.modelCard().sha256());
  }

  @Test
  void nextModelVersionSharesTheProjectAndGroupWithItsOwnCard() {
    LocalArtifactStore store = new LocalArtifactStore(root);
    LocalProjectActivities activities = new LocalProjectActivities(store, new LocalModelRegistry(store));

    ProjectRef v1 = activities.setUpProject(request("uc17-v1"));
    ProjectRef v2 = activities.setUpProject(request("uc17-v2"));

    assertThat(v2.projectId()).isEqualTo(v1.projectId());
    assertThat(v2.modelPackageGroup()).isEqualTo(v1.modelPackageGroup());
    assertThat(v2.modelCard().location()).isNotEqualTo(v1.modelCard().location()).endsWith("/uc17-v2/model-card.json");
  }

  @Test
  void retirementArchivesTheVersionsCardOnceAndKeepsItsContent() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    LocalProjectActivities activities = new LocalProjectActivities(store, new LocalModelRegistry(store));
    ProjectRef project = activities.setUpProject(request("uc17-v1"));
    activities.setUpProject(request("uc17-v2"));
    JsonNode draft = json.readTree(store.get(project.modelCard().location()));

    EvidenceRef archived = activities.archiveModelCard("uc17", "uc17-v2");
    EvidenceRef again = activities.archiveModelCard("uc17", "uc17-v2");

    assertThat(archived.location()).endsWith("/uc17-v2/model-card.json");
    assertThat(again).isEqualTo(archived);
    assertThat(Digests.sha256(store.get(archived.location()))).isEqualTo(archived.sha256());
    JsonNode card = json.readTree(store.get(archived.location()));
    assertThat(card.path("model_card_status").asText()).isEqualTo("Archived");
    assertThat(card.path("content").path("additional_information").path("caveats_and_recommendations").asText())
        .startsWith("Retired:");
    assertThat(card.path("content").path("business_details")).isEqualTo(draft.path("content").path("business_details"));
    assertThat(json.readTree(store.get(project.modelCard().location())).path("model_card_status").asText())
        .isEqualTo("Draft");
  }

  @Test
  void retiringAVersionWithoutACardFailsForGood() {
    LocalArtifactStore store = new LocalArtifactStore(root);
    LocalProjectActivities activities = new LocalProjectActivities(store, new LocalModelRegistry(store));
    activities.setUpProject(request("uc17-v1"));

    assertThatThrownBy(() -> activities.archiveModelCard("uc17", "uc17-v9"))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo("MODEL_CARD_NOT_FOUND");
        });
  }

  private static ProjectRequest request(String modelVersionId) {
    return new ProjectRequest("uc17", modelVersionId, TestUseCases.creditRisk());
  }
}
