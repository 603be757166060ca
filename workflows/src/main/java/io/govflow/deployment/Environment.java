package io.govflow.deployment;

/** Where an endpoint serves: test (step 9, validated in step 10) or production (step 12, monitored in step 13). */
public enum Environment {
  TEST("test"),
  PRODUCTION("prod");

  private final String suffix;

  Environment(String suffix) {
    this.suffix = suffix;
  }

  /** The last part of the environment's endpoint names. */
  public String suffix() {
    return suffix;
  }
}
