package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.MonitorStatistics.Feature;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A table's {@link ColumnProfile}s in header order, filled in one pass over the rows: from a {@link Table} in memory,
 * or streamed from CSV bytes, where memory grows with the number of columns, not rows. Baselining and monitoring
 * both read their data through here, so a file and a table give the same statistics.
 */
final class ColumnProfiles {

  private final List<String> columns;
  private final ColumnProfile[] profiles;
  private long rows;

  private ColumnProfiles(List<String> columns, Function<String, ColumnProfile> profileOf) {
    this.columns = columns;
    this.profiles = columns.stream().map(profileOf).toArray(ColumnProfile[]::new);
  }

  /** @param profileOf a fresh profile for the named column: declared type or inferred, expected categories */
  static ColumnProfiles of(Table table, Function<String, ColumnProfile> profileOf) {
    ColumnProfiles profiles = new ColumnProfiles(table.columns(), profileOf);
    for (int c = 0; c < profiles.profiles.length; c++) {
      table.column(table.columns().get(c)).forEach(profiles.profiles[c]::add);
    }
    profiles.rows = table.rowCount();
    return profiles;
  }

  /**
   * Reads CSV bytes (header row first) to their end, then closes them; see {@link CsvStream} for the format. Rows go
   * through in batches: while one thread reads the next batch, a second profiles the columns of the current one,
   * and the reader joins it once done. Each column still sees every value in row order, so the profiles are those of
   * a single thread.
   */
  static ColumnProfiles read(InputStream csv, Function<String, ColumnProfile> profileOf) {
    ExecutorService helper = Runtime.getRuntime().availableProcessors() > 1
        ? Executors.newSingleThreadExecutor(task -> {
          Thread thread = new Thread(task, "govflow-column-profiles");
          thread.setDaemon(true);
          return thread;
        })
        : null;
    try (CsvStream rows = new CsvStream(csv)) {
      ColumnProfiles profiles = new ColumnProfiles(rows.header(), profileOf);
      Batch current = new Batch(profiles.profiles.length).fill(rows);
      Batch spare = new Batch(profiles.profiles.length);
      while (current.rows > 0) {
        Batch profiled = current;
        AtomicInteger nextColumn = new AtomicInteger();
        Future<?> helping = helper == null ? null : helper.submit(() -> profiles.profile(profiled, nextColumn));
        current = spare.fill(rows);
        profiles.profile(profiled, nextColumn);
        await(helping);
        profiles.rows += profiled.rows;
        spare = profiled;
      }
      return profiles;
    } finally {
      if (helper != null) {
        helper.shutdownNow();
      }
    }
  }

  /** Profiles the batch's columns one by one, as many as are left unclaimed. */
  private void profile(Batch batch, AtomicInteger nextColumn) {
    for (int c = nextColumn.getAndIncrement(); c < profiles.length; c = nextColumn.getAndIncrement()) {
      ColumnProfile profile = profiles[c];
      int offset = c * batch.capacity;
      for (int r = 0; r < batch.rows; r++) {
        profile.add(batch.bytes, batch.starts[offset + r], batch.ends[offset + r]);
      }
    }
  }

  private static void await(Future<?> helping) {
    if (helping == null) {
      return;
    }
    try {
      helping.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while profiling columns", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
    }
  }

  List<String> columns() {
    return columns;
  }

  long rowCount() {
    return rows;
  }

  boolean hasColumn(String column) {
    return columns.contains(column);
  }

  ColumnProfile profile(String column) {
    int c = columns.indexOf(column);
    if (c < 0) {
      throw new IllegalArgumentException("no column '" + column + "'; the columns are " + columns);
    }
    return profiles[c];
  }

  /** statistics.json of the rows read. */
  MonitorStatistics statistics() {
    List<Feature> features = new ArrayList<>(columns.size());
    for (int c = 0; c < profiles.length; c++) {
      features.add(profiles[c].toFeature(columns.get(c)));
    }
    return new MonitorStatistics(0.0, new DatasetSize(rows), features);
  }

  /**
   * Up to {@link #ROWS} rows copied out of the reader's buffer, which the next rows overwrite: their bytes, and per
   * column (column-major, so a column's cells are read in sequence) where each cell starts and ends.
   */
  private static final class Batch {

    static final int ROWS = 4096;

    final int capacity = ROWS;
    final int[] starts;
    final int[] ends;
    byte[] bytes = new byte[1 << 19];
    int rows;

    Batch(int columns) {
      starts = new int[columns * ROWS];
      ends = new int[columns * ROWS];
    }

    Batch fill(CsvStream stream) {
      rows = 0;
      int length = 0;
      int columns = starts.length / capacity;
      while (rows < capacity && stream.next()) {
        int from = stream.start(0);
        int to = stream.end(columns - 1);
        if (length + to - from > bytes.length) {
          bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + to - from));
        }
        System.arraycopy(stream.bytes(), from, bytes, length, to - from);
        int shift = length - from;
        for (int c = 0; c < columns; c++) {
          starts[c * capacity + rows] = stream.start(c) + shift;
          ends[c * capacity + rows] = stream.end(c) + shift;
        }
        length += to - from;
        rows++;
      }
      return this;
    }
  }
}
