package io.govflow.monitoring;

public enum FindingStatus {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED
}
