package io.govflow.project.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Digests;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import io.govflow.project.TestUseCases;
import io.govflow.testing.Emulator;
import io.govflow.testing.FakeDataZone;
import io.govflow.testing.ServiceModelStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelCardResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelCardStatus;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Step 3 on moto (SageMaker, S3) and on a DataZone stub that checks every request against botocore's DataZone model
 * (DataZone has no emulator): each test also proves that all DataZone requests it caused fit the model.
 */
class AwsProjectActivitiesIT {

  private static final String BUCKET = "govflow-artifacts";
  private static final ProjectRequest CREDIT = new ProjectRequest("uc-17", "uc-17-v1", TestUseCases.creditRisk());

  @RegisterExtension
  static final Emulator aws = new Emulator().withDataZone();

  private final SageMakerClient sageMaker = aws.sageMaker();
  private final FakeDataZone dataZone = aws.dataZone();
  private final ObjectMapper json = new ObjectMapper();
  private S3ArtifactStore store;
  private AwsProjectActivities activities;

  @BeforeEach
  void emptyAccount() {
    aws.moto().reset();
    dataZone.reset();
    aws.s3().createBucket(b -> b.bucket(BUCKET));
    store = new S3ArtifactStore(aws.s3(), BUCKET, "");
    activities = activities(DataZoneSettings.domain(FakeDataZone.DOMAIN_ID));
  }

  @AfterEach
  void everyDataZoneRequestFitTheModel() {
    assertThat(dataZone.stub().violations()).isEmpty();
  }

  @Test
  void setUpCreatesTaggedGroupAndDraftCardWithTheBusinessDetails() throws Exception {
    ProjectRef project = activities.setUpProject(CREDIT);

    JsonNode dataZoneProject = dataZone.projects().get(0);
    assertThat(dataZoneProject.path("name").asText()).isEqualTo("gf-uc-17");
    assertThat(dataZoneProject.path("description").asText()).contains("uc-17", "Consumer credit scoring");
    assertThat(project.projectId()).isEqualTo(dataZoneProject.path("id").asText());
    assertThat(project.modelPackageGroup()).isEqualTo("gf-uc-17");
    String groupArn = sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName("gf-uc-17"))
        .modelPackageGroupArn();
    assertThat(tags(groupArn)).containsEntry(AwsProjectActivities.PROJECT_TAG, project.projectId())
        .containsEntry(AwsProjectActivities.USE_CASE_TAG, "uc-17");

    DescribeModelCardResponse card = sageMaker.describeModelCard(b -> b.modelCardName("gf-uc-17-v1"));
    assertThat(card.modelCardStatus()).isEqualTo(ModelCardStatus.DRAFT);
    JsonNode content = json.readTree(card.content());
    assertThat(content.path("business_details").path("line_of_business").asText()).isEqualTo("Retail lending");
    assertThat(content.path("intended_uses").path("risk_rating").asText()).isEqualTo("High");

    byte[] stored = store.get(project.modelCard().location());
    assertThat(project.modelCard().location()).isEqualTo("s3://govflow-artifacts/use-cases/uc-17/uc-17-v1/model-card.json");
    assertThat(project.modelCard().sha256()).isEqualTo(Digests.sha256(stored));
    assertThat(json.readTree(stored).path("content")).isEqualTo(content);
  }

  @Test
  void groupIsListedAsAModelPackageGroupAssetOfTheProject() throws Exception {
    ProjectRef project = activities.setUpProject(CREDIT);

    String groupArn = sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName("gf-uc-17"))
        .modelPackageGroupArn();
    JsonNode asset = dataZone.assets().get(0);
    assertThat(asset.path("name").asText()).isEqualTo("gf-uc-17");
    assertThat(asset.path("owningProjectId").asText()).isEqualTo(project.projectId());
    assertThat(asset.path("typeIdentifier").asText()).isEqualTo(DataZoneCatalog.ASSET_TYPE);
    assertThat(asset.path("externalIdentifier").asText()).isEqualTo(groupArn);
    JsonNode form = asset.path("formsOutput").get(0);
    assertThat(form.path("formName").asText()).isEqualTo(DataZoneCatalog.ASSET_FORM);
    assertThat(form.path("typeName").asText()).isEqualTo(DataZoneCatalog.ASSET_FORM_TYPE);
    JsonNode content = json.readTree(form.path("content").asText());
    assertThat(content.path("modelPackageGroupName").asText()).isEqualTo("gf-uc-17");
    assertThat(content.path("modelPackageGroupArn").asText()).isEqualTo(groupArn);
    assertThat(dataZone.stub().calls("CreateAsset").get(0).text("clientToken"))
        .isEqualTo(DataZoneCatalog.assetToken("uc-17"));
  }

  @Test
  void retriedSetUpCreatesNothingTwiceAndReturnsTheSameReference() {
    ProjectRef first = activities.setUpProject(CREDIT);
    ProjectRef retried = activities.setUpProject(CREDIT);

    assertThat(retried).isEqualTo(first);
    assertThat(sageMaker.listModelPackageGroups(b -> b.nameContains("gf-uc-17")).modelPackageGroupSummaryList())
        .hasSize(1);
    assertThat(sageMaker.listModelCards(b -> b.nameContains("gf-uc-17")).modelCardSummaries()).hasSize(1);
    assertThat(sageMaker.listModelCardVersions(b -> b.modelCardName("gf-uc-17-v1")).modelCardVersionSummaryList())
        .hasSize(1);
    String groupArn = sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName("gf-uc-17"))
        .modelPackageGroupArn();
    assertThat(sageMaker.listTags(b -> b.resourceArn(groupArn)).tags()).hasSize(2);
    assertThat(dataZone.projects()).hasSize(1);
    assertThat(dataZone.assets()).hasSize(1);
    assertThat(dataZone.stub().calls("CreateProject")).hasSize(1);
    assertThat(dataZone.stub().calls("CreateAsset")).hasSize(1);
  }

  @Test
  void projectCreatedByAConcurrentAttemptIsAdopted() {
    String existing = dataZone.addProject("gf-uc-17");
    // The lookup misses it, as one racing with another attempt's create would: the create is refused, and adopted.
    dataZone.stub().answerNext("ListProjects", ServiceModelStub.Reply.ok(json.createObjectNode().set("items",
        json.createArrayNode())));

    ProjectRef project = activities.setUpProject(CREDIT);

    assertThat(project.projectId()).isEqualTo(existing);
    assertThat(dataZone.projects()).hasSize(1);
    assertThat(dataZone.stub().calls("CreateProject")).hasSize(1);
  }

  @Test
  void assetMadeByAnEarlierAttemptWhoseTokenExpiredIsAdopted() {
    activities.setUpProject(CREDIT);
    String assetId = dataZone.assets().get(0).path("id").asText();
    // Search does not see it yet, and the token has expired: CreateAsset refuses the duplicate group ARN.
    dataZone.stub().answerNext("Search", ServiceModelStub.Reply.ok(json.createObjectNode().set("items",
        json.createArrayNode())));
    dataZone.stub().answerNext("CreateAsset", ServiceModelStub.Reply.error("ConflictException",
        "an asset with this external identifier exists"));

    activities.setUpProject(CREDIT);

    assertThat(dataZone.assets()).extracting(a -> a.path("id").asText()).containsExactly(assetId);
  }

  @Test
  void configuredOwnersAreMadeProjectOwnersOnceAcrossRetries() {
    AwsProjectActivities withOwners = activities(new DataZoneSettings(FakeDataZone.DOMAIN_ID, "prof_ml", null,
        List.of("arn:aws:iam::123456789012:role/ModelRiskOfficers")));

    ProjectRef project = withOwners.setUpProject(CREDIT);
    withOwners.setUpProject(CREDIT);

    assertThat(dataZone.owners()).containsExactly(Map.entry(
        project.projectId() + "/arn:aws:iam::123456789012:role/ModelRiskOfficers", "PROJECT_OWNER"));
    assertThat(dataZone.stub().calls("CreateProject").get(0).text("projectProfileId")).isEqualTo("prof_ml");
  }

  @Test
  void nextModelVersionAdoptsTheGroupAndGetsItsOwnCard() {
    activities.setUpProject(CREDIT);
    ProjectRef second = activities.setUpProject(new ProjectRequest("uc-17", "uc-17-v2", TestUseCases.creditRisk()));

    assertThat(second.modelPackageGroup()).isEqualTo("gf-uc-17");
    assertThat(sageMaker.listModelPackageGroups(b -> b.nameContains("gf-uc-17")).modelPackageGroupSummaryList())
        .hasSize(1);
    assertThat(sageMaker.listModelCards(b -> b.nameContains("gf-uc-17")).modelCardSummaries())
        .extracting(c -> c.modelCardName()).containsExactlyInAnyOrder("gf-uc-17-v1", "gf-uc-17-v2");
  }

  @Test
  void groupMadeOutsideGovflowIsAdoptedWithTheProjectItIsTaggedWith() {
    String studioProject = dataZone.addProject("credit-team");
    sageMaker.createModelPackageGroup(b -> b.modelPackageGroupName("gf-uc-17")
        .tags(Tag.builder().key(AwsProjectActivities.PROJECT_TAG).value(studioProject).build()));

    ProjectRef project = activities.setUpProject(CREDIT);

    assertThat(project.projectId()).isEqualTo(studioProject);
    assertThat(dataZone.stub().calls("CreateProject")).isEmpty();
    assertThat(dataZone.assets()).extracting(a -> a.path("owningProjectId").asText()).containsExactly(studioProject);
  }

  @Test
  void groupTaggedWithAProjectTheDomainLacksFailsForGood() {
    sageMaker.createModelPackageGroup(b -> b.modelPackageGroupName("gf-uc-17")
        .tags(Tag.builder().key(AwsProjectActivities.PROJECT_TAG).value("prj-gone").build()));

    assertThatThrownBy(() -> activities.setUpProject(CREDIT)).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
      assertThat(f.isNonRetryable()).isTrue();
      assertThat(f.getType()).isEqualTo(DataZoneCatalog.PROJECT_UNUSABLE);
      assertThat(f.getOriginalMessage()).contains("prj-gone", FakeDataZone.DOMAIN_ID, "correct the tag");
    });
  }

  @Test
  void cardSignedOffLaterIsNotOverwrittenByARetry() {
    ProjectRef first = activities.setUpProject(CREDIT);
    byte[] signed = "{\"model_card_status\":\"Approved\",\"content\":{}}".getBytes(StandardCharsets.UTF_8);
    store.put(ArtifactStore.evidenceKey("uc-17", "uc-17-v1", EvidenceRef.MODEL_CARD), EvidenceRef.MODEL_CARD, signed,
        "application/json");

    ProjectRef retried = activities.setUpProject(CREDIT);

    assertThat(retried.modelCard().location()).isEqualTo(first.modelCard().location());
    assertThat(retried.modelCard().sha256()).isEqualTo(Digests.sha256(signed));
    assertThat(store.get(retried.modelCard().location())).isEqualTo(signed);
  }

  @Test
  void retirementArchivesTheCardInSageMakerAndTheStoreOnce() throws Exception {
    activities.setUpProject(CREDIT);

    EvidenceRef archived = activities.archiveModelCard("uc-17", "uc-17-v1");
    EvidenceRef retried = activities.archiveModelCard("uc-17", "uc-17-v1");

    assertThat(retried).isEqualTo(archived);
    assertThat(sageMaker.describeModelCard(b -> b.modelCardName("gf-uc-17-v1")).modelCardStatus())
        .isEqualTo(ModelCardStatus.ARCHIVED);
    assertThat(new ObjectMapper().readTree(store.get(archived.location())).path("model_card_status").asText())
        .isEqualTo("Archived");
  }

  private AwsProjectActivities activities(DataZoneSettings settings) {
    return new AwsProjectActivities(sageMaker, aws.dataZoneClient(), store, settings);
  }

  private Map<String, String> tags(String arn) {
    return sageMaker.listTags(b -> b.resourceArn(arn)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }
}
