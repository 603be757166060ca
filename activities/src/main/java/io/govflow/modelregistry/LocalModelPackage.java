package io.govflow.modelregistry;

import io.govflow.modelversion.ModelVersionStatus;
import java.util.Map;

/** A model package in the local model registry, the shape of SageMaker's DescribeModelPackage in brief. */
public record LocalModelPackage(
    String modelPackageId,
    String modelPackageGroup,
    String modelVersionId,
    String modelLocation,
    String testDataLocation,
    String modelCardLocation,
    Map<String, Double> metrics,
    ModelVersionStatus status,
    String approvalDescription) {

  LocalModelPackage withStatus(ModelVersionStatus newStatus, String description) {
    return new LocalModelPackage(modelPackageId, modelPackageGroup, modelVersionId, modelLocation, testDataLocation,
        modelCardLocation, metrics, newStatus, description);
  }
}
