package io.govflow.monitoring.local;

import io.govflow.common.Heartbeats;
import io.govflow.deployment.local.CaptureRecord;
import io.govflow.deployment.local.DataCapture;
import io.govflow.evidence.LocalArtifactStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Reads an endpoint's data capture ({@link DataCapture}: one file per hour under the endpoint's capture location),
 * heartbeating once per hour file read. A line that is not a capture record (cut short by a crash) is skipped and
 * logged: it cannot be judged, and one bad line must not stop the monitoring of the rest.
 */
final class CapturedTraffic {

  private static final Logger LOG = Logger.getLogger(CapturedTraffic.class);

  private final LocalArtifactStore store;

  CapturedTraffic(LocalArtifactStore store) {
    this.store = store;
  }

  /**
   * The records captured in [{@code from}, {@code to}), oldest first, ties by eventId: the same window always gives
   * the same rows in the same order, so a repeated run writes the same documents.
   */
  List<CaptureRecord> between(String captureLocation, Instant from, Instant to) {
    List<CaptureRecord> records = new ArrayList<>();
    for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
      readHour(captureLocation, hour, record -> {
        if (!record.inferenceTime().isBefore(from) && record.inferenceTime().isBefore(to)) {
          records.add(record);
        }
      });
    }
    records.sort(Comparator.comparing(CaptureRecord::inferenceTime).thenComparing(CaptureRecord::eventId));
    return records;
  }

  /**
   * The records of {@code eventIds} captured in [{@code from}, {@code to}), reading hours newest first and stopping
   * as soon as every event is found: ground truth mostly labels recent traffic.
   */
  Map<String, CaptureRecord> find(String captureLocation, Set<String> eventIds, Instant from, Instant to) {
    Map<String, CaptureRecord> found = new HashMap<>();
    Set<String> wanted = new HashSet<>(eventIds);
    for (Instant hour = to.minusNanos(1).truncatedTo(ChronoUnit.HOURS); !wanted.isEmpty() && !hour.isBefore(
        from.truncatedTo(ChronoUnit.HOURS)); hour = hour.minus(1, ChronoUnit.HOURS)) {
      readHour(captureLocation, hour, record -> {
        if (!record.inferenceTime().isBefore(from) && record.inferenceTime().isBefore(to)
            && wanted.remove(record.eventId())) {
          found.put(record.eventId(), record);
        }
      });
    }
    return found;
  }

  private void readHour(String captureLocation, Instant hour, Consumer<CaptureRecord> sink) {
    Path file = store.pathOf(captureLocation).resolve(DataCapture.hourFile(hour));
    long lines = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines++;
        if (!line.isBlank()) {
          parse(line, file, lines, sink);
        }
      }
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the data capture file " + file, e);
    }
    Heartbeats.beat("read " + lines + " captured records of the hour " + hour);
  }

  private static void parse(String line, Path file, long number, Consumer<CaptureRecord> sink) {
    try {
      sink.accept(CaptureRecord.parse(line));
    } catch (IllegalArgumentException e) {
      LOG.warnf("line %d of %s is skipped: %s", number, file, e.getMessage());
    }
  }
}
