package io.govflow.project.aws;

import io.govflow.common.GovflowConfig;
import io.govflow.common.aws.AwsClients;
import java.util.List;

/**
 * Where step 3 makes the use case's DataZone project: the domain, and optionally the project profile (SageMaker
 * Unified Studio domains require one), the domain unit, and users made project owners beside the worker's identity.
 */
public record DataZoneSettings(String domainId, String projectProfileId, String domainUnitId,
    List<String> projectOwners) {

  public DataZoneSettings {
    if (domainId == null || domainId.isBlank()) {
      throw new IllegalArgumentException("a DataZone domain id (dzd_...) is required");
    }
    projectOwners = projectOwners == null ? List.of() : List.copyOf(projectOwners);
  }

  /** Just a domain: projects with the domain's defaults, owned by whoever creates them. */
  public static DataZoneSettings domain(String domainId) {
    return new DataZoneSettings(domainId, null, null, List.of());
  }

  public static DataZoneSettings from(GovflowConfig.Aws aws) {
    GovflowConfig.Aws.DataZone dataZone = aws.datazone();
    return new DataZoneSettings(AwsClients.required(dataZone.domainId(), "govflow.aws.datazone.domain-id"),
        dataZone.projectProfileId().orElse(null), dataZone.domainUnitId().orElse(null),
        dataZone.projectOwners().orElse(List.of()));
  }
}
