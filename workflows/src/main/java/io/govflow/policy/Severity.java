package io.govflow.policy;

public enum Severity {
  LOW,
  MEDIUM,
  HIGH
}
