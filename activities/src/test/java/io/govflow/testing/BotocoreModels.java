package io.govflow.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * AWS services' published API models as botocore ships them: the wheel is fetched from PyPI once into
 * {@code .tools/botocore} ({@code pip download}, nothing installed) and the model read straight out of it.
 */
public final class BotocoreModels {

  /**
   * Pinned, so that a contract test checks the same model on every run. 1.42.2 (3 December 2025) is the botocore of
   * the AWS SDK for Java 2.40.2's week: its DataZone model has exactly the operations the SDK's client has.
   */
  static final String BOTOCORE_VERSION = "1.42.2";

  private BotocoreModels() {}

  /** The latest API version of {@code service}'s model in the pinned botocore, such as {@code datazone}. */
  public static ServiceModel load(String service) {
    Path wheel = wheel();
    Pattern entryName = Pattern.compile("botocore/data/" + Pattern.quote(service) + "/[0-9-]+/service-2\\.json\\.gz");
    try (ZipFile zip = new ZipFile(wheel.toFile())) {
      ZipEntry entry = zip.stream().filter(e -> entryName.matcher(e.getName()).matches())
          .max(Comparator.comparing(ZipEntry::getName))
          .orElseThrow(() -> new IllegalArgumentException("botocore " + BOTOCORE_VERSION + " has no model of "
              + service));
      try (InputStream in = new GZIPInputStream(zip.getInputStream(entry))) {
        return new ServiceModel(new ObjectMapper().readTree(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + service + " model from " + wheel, e);
    }
  }

  private static Path wheel() {
    Path folder = ServerProcess.repoRoot().resolve(".tools/botocore");
    Path wheel = folder.resolve("botocore-" + BOTOCORE_VERSION + "-py3-none-any.whl");
    if (!Files.isRegularFile(wheel)) {
      ServerProcess.runToCompletion(folder, PythonTools.pip().toString(), "download", "--quiet",
          "--disable-pip-version-check", "--no-deps", "--dest", folder.toString(), "botocore==" + BOTOCORE_VERSION);
    }
    if (!Files.isRegularFile(wheel)) {
      throw new IllegalStateException(wheel + " is still missing after pip download botocore==" + BOTOCORE_VERSION);
    }
    return wheel;
  }
}
