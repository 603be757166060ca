package io.govflow.policy;

import java.util.List;

/** A policy document that cannot be applied: it names where it was read from and every problem found in it. */
public class InvalidPolicyException extends RuntimeException {

  public InvalidPolicyException(String source, List<String> problems) {
    super("policy " + source + " is invalid: " + String.join("; ", problems));
  }
}
