package io.govflow.project.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.common.aws.AwsErrors;
import io.temporal.failure.ApplicationFailure;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.datazone.DataZoneClient;
import software.amazon.awssdk.services.datazone.model.AssetItem;
import software.amazon.awssdk.services.datazone.model.FormInput;
import software.amazon.awssdk.services.datazone.model.InventorySearchScope;
import software.amazon.awssdk.services.datazone.model.ProjectStatus;
import software.amazon.awssdk.services.datazone.model.ProjectSummary;
import software.amazon.awssdk.services.datazone.model.SearchInventoryResultItem;
import software.amazon.awssdk.services.datazone.model.UserDesignation;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageGroupResponse;

/**
 * A use case in DataZone: its project, named {@code gf-<useCaseId>} like its model package group, and the group as
 * an asset of that project's inventory. CreateProject takes no client token, so the name, unique in a domain, is the
 * guard: a project of that name is looked up first and adopted, also when a concurrent create wins. CreateAsset takes
 * one, derived from the use case; the lasting guard is the asset's external identifier, the group's ARN, which
 * DataZone keeps unique.
 *
 * <p>The asset has DataZone's managed type for model package groups and its form, as SageMaker's Python SDK exports a
 * group to a project's inventory ({@code sagemaker.asset}: type {@value #ASSET_TYPE}, form {@value #ASSET_FORM} of
 * type {@value #ASSET_FORM_TYPE}, external identifier the group ARN). SageMaker Unified Studio domains provide these
 * types; a domain without them refuses the asset with a validation error that names the type.
 */
final class DataZoneCatalog {

  static final String ASSET_TYPE = "amazon.datazone.SageMakerModelPackageGroupAssetType";
  static final String ASSET_FORM = "SageMakerModelPackageGroupForm";
  static final String ASSET_FORM_TYPE = "amazon.datazone.SageMakerModelPackageGroupFormType";
  /** Failure type of a project govflow cannot use: deleted, or named by a tag but absent from the domain. */
  static final String PROJECT_UNUSABLE = "DATAZONE_PROJECT_UNUSABLE";

  private final DataZoneClient dataZone;
  private final DataZoneSettings settings;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  DataZoneCatalog(DataZoneClient dataZone, DataZoneSettings settings) {
    this.dataZone = dataZone;
    this.settings = settings;
  }

  /** A client token for the group's asset, within CreateAsset's 128 printable characters. */
  static String assetToken(String useCaseId) {
    return "gf-asset-" + Digests.sha256(useCaseId).substring(0, 32);
  }

  /** The id of the project named {@code name}, created with {@code description} if the domain has none. */
  String ensureProject(String name, String description) {
    Optional<ProjectSummary> existing = findProject(name);
    String projectId;
    if (existing.isPresent()) {
      projectId = usable(existing.get()).id();
    } else {
      try {
        projectId = dataZone.createProject(b -> b.domainIdentifier(settings.domainId()).name(name)
            .description(description).projectProfileId(settings.projectProfileId())
            .domainUnitId(settings.domainUnitId())).id();
      } catch (AwsServiceException e) {
        if (!AwsErrors.isAlreadyExists(e)) {
          throw e;
        }
        // Another attempt created it between our lookup and create.
        projectId = findProject(name).map(this::usable).map(ProjectSummary::id).orElseThrow(() ->
            new IllegalStateException("DataZone reports project " + name + " as existing in domain "
                + settings.domainId() + " but does not list it"));
      }
    }
    addOwners(projectId);
    return projectId;
  }

  /** The project a group is tagged with, once checked to exist in the domain and not to be deleted. */
  String requireProject(String projectId, String group) {
    try {
      ProjectStatus status = dataZone.getProject(b -> b.domainIdentifier(settings.domainId()).identifier(projectId))
          .projectStatus();
      requireNotDeleted(projectId, status);
      return projectId;
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        throw ApplicationFailure.newNonRetryableFailureWithCause("model package group " + group + " is tagged "
            + AwsProjectActivities.PROJECT_TAG + "=" + projectId + ", but DataZone domain " + settings.domainId()
            + " has no such project: correct the tag, or remove it for govflow to create the project",
            PROJECT_UNUSABLE, e);
      }
      throw e;
    }
  }

  /** The asset of the model package group in the project's inventory, created if absent; returns its id. */
  String ensureGroupAsset(String projectId, String useCaseId, DescribeModelPackageGroupResponse group) {
    String name = group.modelPackageGroupName();
    String arn = group.modelPackageGroupArn();
    Optional<String> existing = findAsset(projectId, name, arn);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return dataZone.createAsset(b -> b.domainIdentifier(settings.domainId()).owningProjectIdentifier(projectId)
          .name(name).description(group.modelPackageGroupDescription()).typeIdentifier(ASSET_TYPE)
          .externalIdentifier(arn).clientToken(assetToken(useCaseId))
          .formsInput(FormInput.builder().formName(ASSET_FORM).typeIdentifier(ASSET_FORM_TYPE)
              .content(groupForm(group)).build())).id();
    } catch (AwsServiceException e) {
      if (!AwsErrors.isAlreadyExists(e)) {
        throw e;
      }
      return findAsset(projectId, name, arn).orElseThrow(() -> new IllegalStateException("DataZone reports an "
          + "asset for " + arn + " as existing but project " + projectId + " does not find it"));
    }
  }

  private Optional<ProjectSummary> findProject(String name) {
    return dataZone.listProjectsPaginator(b -> b.domainIdentifier(settings.domainId()).name(name)).items().stream()
        .filter(p -> name.equals(p.name())).findFirst();
  }

  private ProjectSummary usable(ProjectSummary project) {
    requireNotDeleted(project.id(), project.projectStatus());
    return project;
  }

  private void requireNotDeleted(String projectId, ProjectStatus status) {
    if (status == ProjectStatus.DELETING) {
      // Retryable: once the deletion finishes, a retry creates the project anew.
      throw new IllegalStateException("DataZone project " + projectId + " is being deleted; retrying");
    }
    if (status == ProjectStatus.DELETE_FAILED) {
      throw ApplicationFailure.newNonRetryableFailure("DataZone project " + projectId + " in domain "
          + settings.domainId() + " failed to delete: finish or undo its deletion in DataZone, then retry the step",
          PROJECT_UNUSABLE);
    }
  }

  /** Ownership is granted on every run, not only on creation, so that a run that died after creating still grants. */
  private void addOwners(String projectId) {
    for (String owner : settings.projectOwners()) {
      try {
        dataZone.createProjectMembership(b -> b.domainIdentifier(settings.domainId()).projectIdentifier(projectId)
            .designation(UserDesignation.PROJECT_OWNER).member(m -> m.userIdentifier(owner)));
      } catch (AwsServiceException e) {
        if (!AwsErrors.isAlreadyExists(e)) {
          throw e;
        }
      }
    }
  }

  private Optional<String> findAsset(String projectId, String name, String groupArn) {
    return dataZone.searchPaginator(b -> b.domainIdentifier(settings.domainId()).owningProjectIdentifier(projectId)
            .searchScope(InventorySearchScope.ASSET).searchText(name))
        .items().stream().map(SearchInventoryResultItem::assetItem).filter(Objects::nonNull)
        .filter(asset -> groupArn.equals(asset.externalIdentifier())).map(AssetItem::identifier).findFirst();
  }

  private String groupForm(DescribeModelPackageGroupResponse group) {
    ObjectNode form = json.createObjectNode();
    form.put("modelPackageGroupName", group.modelPackageGroupName());
    form.put("modelPackageGroupArn", group.modelPackageGroupArn());
    if (group.modelPackageGroupDescription() != null) {
      form.put("modelPackageGroupDescription", group.modelPackageGroupDescription());
    }
    form.put("modelPackageGroupStatus", group.modelPackageGroupStatusAsString());
    if (group.creationTime() != null) {
      form.put("creationTime", group.creationTime().toString());
    }
    try {
      return json.writeValueAsString(form);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the asset form of " + group.modelPackageGroupArn(), e);
    }
  }
}
