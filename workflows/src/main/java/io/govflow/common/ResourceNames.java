package io.govflow.common;

/**
 * Names of cloud resources derived from ids, so that a retried activity finds what an earlier attempt made.
 * SageMaker allows at most 63 characters of {@code [a-zA-Z0-9-]}: an id too long to fit is cut and a hash of it keeps
 * names distinct.
 */
public final class ResourceNames {

  private static final int MAX_LENGTH = 63;

  private ResourceNames() {}

  /** {@code gf-<id>-<suffix>}. */
  public static String of(String id, String suffix) {
    String tail = "-" + suffix;
    String name = "gf-" + id.replaceAll("[^a-zA-Z0-9-]", "-") + tail;
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String hashed = "-" + Digests.sha256(id).substring(0, 8) + tail;
    return name.substring(0, MAX_LENGTH - hashed.length()) + hashed;
  }
}
