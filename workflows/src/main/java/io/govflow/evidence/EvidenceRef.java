package io.govflow.evidence;

/**
 * One evidence document (data statistics, a bias report, metrics, policy result, model card) kept in the artifact
 * store: its name within the model version, where it is, and the SHA-256 of its bytes.
 */
public record EvidenceRef(String name, String location, String sha256, String contentType) {

  public static final String MODEL_CARD = "model-card";
  public static final String DATA_STATISTICS = "data-statistics";
  public static final String PRE_TRAINING_BIAS = "pre-training-bias";
  public static final String TRAINING_METRICS = "training-metrics";
  public static final String MODEL_QUALITY = "model-quality";
  public static final String POST_TRAINING_BIAS = "post-training-bias";
  public static final String POLICY_RESULT = "policy-result";
}
