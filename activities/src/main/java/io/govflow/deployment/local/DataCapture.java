package io.govflow.deployment.local;

import io.govflow.evidence.LocalArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The data capture of one endpoint: each record is appended as one line to the file of its inference hour (UTC),
 * {@code data-capture/<endpoint>/<yyyy>/<MM>/<dd>/<HH>/capture.jsonl} in the artifact store. SageMaker writes the
 * same records under {@code <endpoint>/<variant>/<yyyy>/<MM>/<dd>/<HH>/} too, but as many small objects, since an
 * S3 object cannot be appended to; a local file can, so one file per hour is all a monitoring run has to read.
 */
public final class DataCapture {

  private static final DateTimeFormatter HOUR_FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

  private static final String FILE = "capture.jsonl";

  private final LocalArtifactStore store;
  private final String endpointName;
  private Path currentFile;
  private String currentHour;

  DataCapture(LocalArtifactStore store, String endpointName) {
    this.store = store;
    this.endpointName = endpointName;
  }

  /** The key of the folder that holds every capture file of the endpoint. */
  public static String rootKey(String endpointName) {
    return "data-capture/" + endpointName;
  }

  /** The key of the capture file of the hour {@code instant} falls in. */
  public static String hourKey(String endpointName, Instant instant) {
    return rootKey(endpointName) + "/" + hourFile(instant);
  }

  /** The capture file of the hour {@code instant} falls in, relative to the endpoint's capture root. */
  public static String hourFile(Instant instant) {
    return HOUR_FOLDER.format(instant) + "/" + FILE;
  }

  /**
   * Appends the record to its hour's file. Appends are serialised so that concurrent invocations never interleave
   * within a line, and each is written through at once, so a monitoring run sees every answered request.
   */
  synchronized void append(CaptureRecord record) {
    String hour = HOUR_FOLDER.format(record.inferenceTime());
    byte[] line = (record.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (!hour.equals(currentHour)) {
        currentFile = store.pathOf(store.locationOf(hourKey(endpointName, record.inferenceTime())));
        Files.createDirectories(currentFile.getParent());
        currentHour = hour;
      }
      Files.write(currentFile, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the data capture of " + endpointName, e);
    }
  }
}
