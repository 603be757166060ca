package io.govflow.project.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.common.aws.AwsErrors;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.project.ModelCards;
import io.govflow.project.ProjectActivities;
import io.govflow.project.ProjectRef;
import io.govflow.project.ProjectRequest;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.datazone.DataZoneClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelCardStatus;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Step 3 on DataZone and SageMaker: the use case's DataZone project and model package group, both named
 * {@code gf-<useCaseId>}, the group tagged with the project's id (the tag SageMaker Unified Studio reads) and listed
 * as an asset of the project's inventory, and the model version's draft model card, whose document is also kept in
 * the artifact store for the steps that read and sign it. Every resource is looked up before it is created and
 * adopted if it exists, so a retry creates nothing twice. A group that already carries a project tag keeps its
 * project: govflow then checks that project exists rather than making another.
 *
 * <p>The group's asset is made here rather than at registration (step 5): it stands for the group, which exists from
 * this step on, not for a model version; and all DataZone calls then sit in one activity, leaving step 5 on SageMaker
 * alone.
 */
public class AwsProjectActivities implements ProjectActivities {

  /** The tag SageMaker Unified Studio puts on the resources of a DataZone project: its project id. */
  public static final String PROJECT_TAG = "AmazonDataZoneProject";
  public static final String USE_CASE_TAG = "govflow:use-case-id";
  private static final String JSON = "application/json";

  private final SageMakerClient sageMaker;
  private final DataZoneCatalog dataZone;
  private final ArtifactStore store;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public AwsProjectActivities(SageMakerClient sageMaker, DataZoneClient dataZone, ArtifactStore store,
      DataZoneSettings settings) {
    this.sageMaker = sageMaker;
    this.dataZone = new DataZoneCatalog(dataZone, settings);
    this.store = store;
  }

  /** The model package group of a use case; SageMaker allows 63 characters of {@code [a-zA-Z0-9-]}. */
  public static String groupName(String useCaseId) {
    return "gf-" + useCaseId.replaceAll("[^a-zA-Z0-9-]", "-");
  }

  @Override
  public ProjectRef setUpProject(ProjectRequest request) {
    String group = groupName(request.useCaseId());
    try {
      Optional<DescribeModelPackageGroupResponse> existing = describeGroup(group);
      Optional<String> taggedProject = existing.flatMap(g -> projectTag(g.modelPackageGroupArn()));
      String projectId = taggedProject.isPresent() ? dataZone.requireProject(taggedProject.get(), group)
          : dataZone.ensureProject(group, truncate("Governance of use case " + request.useCaseId() + ": "
              + request.definition().name(), 2048));
      if (existing.isPresent() && taggedProject.isEmpty()) {
        sageMaker.addTags(b -> b.resourceArn(existing.get().modelPackageGroupArn())
            .tags(tag(PROJECT_TAG, projectId)));
      }
      DescribeModelPackageGroupResponse described = existing.isPresent() ? existing.get()
          : createGroup(group, projectId, request);
      EvidenceRef card = ensureDraftCard(request);
      dataZone.ensureGroupAsset(projectId, request.useCaseId(), described);
      return new ProjectRef(projectId, group, card);
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "setting up the DataZone project and SageMaker group of use case "
          + request.useCaseId());
    }
  }

  private DescribeModelPackageGroupResponse createGroup(String group, String projectId, ProjectRequest request) {
    try {
      sageMaker.createModelPackageGroup(b -> b.modelPackageGroupName(group)
          .modelPackageGroupDescription(truncate("Model versions of use case " + request.useCaseId() + ": "
              + request.definition().name(), 1024))
          .tags(tag(PROJECT_TAG, projectId), tag(USE_CASE_TAG, request.useCaseId())));
    } catch (AwsServiceException e) {
      if (!AwsErrors.isAlreadyExists(e)) {
        throw e;
      }
      // A concurrent attempt created it between our describe and create: adopt that one.
    }
    return describeGroup(group).orElseThrow(() -> new IllegalStateException("model package group " + group
        + " was created but cannot be described"));
  }

  private Optional<String> projectTag(String groupArn) {
    return sageMaker.listTags(b -> b.resourceArn(groupArn)).tags().stream().filter(t -> PROJECT_TAG.equals(t.key()))
        .map(Tag::value).findFirst();
  }

  private Optional<DescribeModelPackageGroupResponse> describeGroup(String group) {
    try {
      return Optional.of(sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName(group)));
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The card is created in SageMaker once; its document in the store is written once too, never overwritten, since
   * sign-off later rewrites it with the decision.
   */
  private EvidenceRef ensureDraftCard(ProjectRequest request) {
    ObjectNode draft = ModelCards.draft(request.useCaseId(), request.modelVersionId(), request.definition());
    String cardName = ModelCards.cardName(request.modelVersionId());
    if (!cardExists(cardName)) {
      try {
        sageMaker.createModelCard(b -> b.modelCardName(cardName)
            .modelCardStatus(ModelCardStatus.DRAFT)
            .content(text(draft.get("content")))
            .tags(tag(USE_CASE_TAG, request.useCaseId())));
      } catch (AwsServiceException e) {
        if (!AwsErrors.isAlreadyExists(e)) {
          throw e;
        }
      }
    }
    String key = ArtifactStore.evidenceKey(request.useCaseId(), request.modelVersionId(), EvidenceRef.MODEL_CARD);
    String location = store.locationOf(key);
    if (store.exists(location)) {
      return new EvidenceRef(EvidenceRef.MODEL_CARD, location, Digests.sha256(store.get(location)), JSON);
    }
    return store.put(key, EvidenceRef.MODEL_CARD, bytes(draft), JSON);
  }

  private boolean cardExists(String cardName) {
    try {
      sageMaker.describeModelCard(b -> b.modelCardName(cardName));
      return true;
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  private String text(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private byte[] bytes(Object value) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  @Override
  public EvidenceRef archiveModelCard(io.govflow.project.ProjectRef project, String modelVersionId) {
    throw new UnsupportedOperationException("PLACEHOLDER-archive");
  }
}
