package io.govflow.common;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data sets in {@code samples/} at the repository root, found as surefire says or by walking up. */
public final class Samples {

  public static final String CREDIT_G = "credit-g.csv";
  public static final String DIABETES = "diabetes.csv";

  private Samples() {}

  public static Path folder() {
    String root = System.getProperty("govflow.repo.root");
    if (root != null && Files.isDirectory(Path.of(root, "samples"))) {
      return Path.of(root, "samples");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("samples").resolve(CREDIT_G))) {
        return dir.resolve("samples");
      }
    }
    throw new IllegalStateException("no samples/ folder above " + Path.of("").toAbsolutePath());
  }

  public static Path path(String name) {
    return folder().resolve(name);
  }
}
