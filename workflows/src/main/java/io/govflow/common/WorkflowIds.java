package io.govflow.common;

/** Workflow ids that say what they are, as operators see them in the Temporal Web UI. */
public final class WorkflowIds {

  private WorkflowIds() {}

  public static String useCase(String useCaseId) {
    return "use-case-" + useCaseId;
  }

  public static String modelVersion(String useCaseId, int version) {
    return "model-version-" + modelVersionId(useCaseId, version);
  }

  public static String monitoring(String useCaseId) {
    return "monitoring-" + useCaseId;
  }

  /** The inventory id of a model version, also used in cloud resource names. */
  public static String modelVersionId(String useCaseId, int version) {
    return useCaseId + "-v" + version;
  }
}
