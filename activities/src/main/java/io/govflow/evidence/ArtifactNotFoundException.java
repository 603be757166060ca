package io.govflow.evidence;

public class ArtifactNotFoundException extends RuntimeException {

  public ArtifactNotFoundException(String location) {
    super("no artifact at " + location);
  }
}
