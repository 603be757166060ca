package io.govflow.policy;

/** How a rule compares a measured value with its threshold. */
public enum Comparison {
  /** measured ≥ threshold */
  AT_LEAST,
  /** measured ≤ threshold */
  AT_MOST,
  /** |measured| ≤ threshold */
  ABS_AT_MOST
}
