package io.govflow.project.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Digests;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import io.govflow.project.TestUseCases;
import io.govflow.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelCardResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelCardStatus;
import software.amazon.awssdk.services.sagemaker.model.Tag;

class AwsProjectActivitiesIT {

  private static final String BUCKET = "govflow-artifacts";
  private static final ProjectRequest CREDIT = new ProjectRequest("uc-17", "uc-17-v1", TestUseCases.creditRisk());

  private static MotoServer moto;
  private static S3Client s3;
  private static SageMakerClient sageMaker;
  private final ObjectMapper json = new ObjectMapper();
  private S3ArtifactStore store;
  private AwsProjectActivities activities;

  @BeforeAll
  static void startEmulator() {
    moto = MotoServer.start();
    s3 = moto.s3();
    sageMaker = moto.sageMaker();
  }

  @AfterAll
  static void stopEmulator() {
    sageMaker.close();
    s3.close();
    moto.close();
  }

  @BeforeEach
  void emptyAccount() {
    moto.reset();
    s3.createBucket(b -> b.bucket(BUCKET));
    store = new S3ArtifactStore(s3, BUCKET, "");
    activities = new AwsProjectActivities(sageMaker, store);
  }

  @Test
  void setUpCreatesTaggedGroupAndDraftCardWithTheBusinessDetails() throws Exception {
    ProjectRef project = activities.setUpProject(CREDIT);

    assertThat(project.projectId()).isEqualTo("gf-uc-17");
    assertThat(project.modelPackageGroup()).isEqualTo("gf-uc-17");
    String groupArn = sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName("gf-uc-17"))
        .modelPackageGroupArn();
    assertThat(tags(groupArn)).containsEntry(AwsProjectActivities.PROJECT_TAG, "gf-uc-17")
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
    sageMaker.createModelPackageGroup(b -> b.modelPackageGroupName("gf-uc-17")
        .tags(Tag.builder().key(AwsProjectActivities.PROJECT_TAG).value("dzp-4711").build()));

    ProjectRef project = activities.setUpProject(CREDIT);

    assertThat(project.projectId()).isEqualTo("dzp-4711");
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

  private static Map<String, String> tags(String arn) {
    return sageMaker.listTags(b -> b.resourceArn(arn)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }
}
