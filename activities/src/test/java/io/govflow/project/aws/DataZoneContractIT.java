package io.govflow.project.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.aws.AwsErrors;
import io.govflow.testing.FakeDataZone;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.datazone.DataZoneClient;
import software.amazon.awssdk.services.datazone.model.ConflictException;
import software.amazon.awssdk.services.datazone.model.GetAssetResponse;
import software.amazon.awssdk.services.datazone.model.ValidationException;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageGroupStatus;

/**
 * The DataZone stub is a contract: it refuses what botocore's DataZone model forbids, in the shape the SDK reads as
 * DataZone's own errors, and answers only what the model allows. With it, the requests govflow derives from a use
 * case are proven to fit the model.
 */
class DataZoneContractIT {

  private static FakeDataZone dataZone;
  private static DataZoneClient client;

  @BeforeAll
  static void startStub() {
    dataZone = FakeDataZone.start();
    client = dataZone.client();
  }

  @AfterAll
  static void stopStub() {
    client.close();
    dataZone.close();
  }

  @BeforeEach
  void emptyDomain() {
    dataZone.reset();
  }

  @Test
  void requestWithoutARequiredMemberIsRefusedAsAValidationError() {
    assertThatThrownBy(() -> client.createProject(b -> b.domainIdentifier(FakeDataZone.DOMAIN_ID)))
        .isInstanceOf(ValidationException.class);

    assertThat(dataZone.stub().violations()).singleElement().asString()
        .contains("CreateProjectInput.name is required but missing");
  }

  @Test
  void valuesOutsideTheModelsPatternsAndEnumsAreRefused() {
    assertThatThrownBy(() -> client.createProject(b -> b.domainIdentifier(FakeDataZone.DOMAIN_ID).name("gf/uc-17")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.search(b -> b.domainIdentifier(FakeDataZone.DOMAIN_ID).searchScope("MODELS")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> client.getProject(b -> b.domainIdentifier("govflow").identifier("prj1")))
        .isInstanceOf(ValidationException.class);

    assertThat(dataZone.stub().violations()).hasSize(3)
        .anySatisfy(v -> assertThat(v).contains("CreateProjectInput.name 'gf/uc-17' does not match"))
        .anySatisfy(v -> assertThat(v).contains("SearchInput.searchScope must be one of", "not 'MODELS'"))
        .anySatisfy(v -> assertThat(v).contains("GetProjectInput.domainIdentifier 'govflow' does not match"));
  }

  @Test
  void declaredErrorsReachTheClientAsDataZonesOwnExceptions() {
    client.createProject(b -> b.domainIdentifier(FakeDataZone.DOMAIN_ID).name("gf-uc-17"));

    assertThatThrownBy(() -> client.createProject(b -> b.domainIdentifier(FakeDataZone.DOMAIN_ID).name("gf-uc-17")))
        .isInstanceOfSatisfying(ConflictException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(409);
          assertThat(AwsErrors.isAlreadyExists(e)).isTrue();
        });
    assertThatThrownBy(() -> client.getProject(b -> b.domainIdentifier(FakeDataZone.DOMAIN_ID).identifier("prj0")))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(AwsErrors.isNotFound(e)).isTrue());
    assertThat(dataZone.stub().violations()).isEmpty();
  }

  @Test
  void operationWithoutAScenarioAnswersTheModelsSmallestOutput() {
    GetAssetResponse asset = client.getAsset(b -> b.domainIdentifier(FakeDataZone.DOMAIN_ID).identifier("ast1"));

    assertThat(asset.id()).isNotBlank();
    assertThat(asset.domainId()).matches("^dzd[-_][a-zA-Z0-9_-]{1,36}$");
    assertThat(asset.formsOutput()).isEmpty();
    assertThat(dataZone.stub().violations()).isEmpty();
  }

  @Test
  void projectAndAssetRequestsDerivedFromAUseCaseFitTheModel() {
    DataZoneCatalog catalog = new DataZoneCatalog(client, new DataZoneSettings(FakeDataZone.DOMAIN_ID,
        "prof_ml-default", "unit_risk", List.of("arn:aws:iam::123456789012:role/ModelRisk", "a1b2c3d4e5-f")));
    String name = AwsProjectActivities.groupName("uc-7k2m9x4q");
    DescribeModelPackageGroupResponse group = DescribeModelPackageGroupResponse.builder()
        .modelPackageGroupName(name)
        .modelPackageGroupArn("arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/" + name)
        .modelPackageGroupDescription("Model versions of use case uc-7k2m9x4q: Consumer credit scoring")
        .modelPackageGroupStatus(ModelPackageGroupStatus.COMPLETED).creationTime(Instant.parse("2026-03-02T10:15:30Z"))
        .build();

    String projectId = catalog.ensureProject(name, "Governance of use case uc-7k2m9x4q: Consumer credit scoring");
    catalog.requireProject(projectId, name);
    catalog.ensureGroupAsset(projectId, "uc-7k2m9x4q", group);

    assertThat(dataZone.stub().calls()).extracting(c -> c.operation()).containsExactly("ListProjects",
        "CreateProject", "CreateProjectMembership", "CreateProjectMembership", "GetProject", "Search", "CreateAsset");
    assertThat(dataZone.stub().violations()).isEmpty();
  }
}
