package io.govflow.monitoring;

/** The Model Monitor kinds of check a run makes. */
public enum Monitor {
  DATA_QUALITY,
  MODEL_QUALITY,
  BIAS_DRIFT
}
