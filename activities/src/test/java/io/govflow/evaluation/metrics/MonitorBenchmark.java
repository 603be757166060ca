package io.govflow.evaluation.metrics;

import io.govflow.common.Samples;
import io.govflow.evaluation.clarify.AnalysisConfig;
import io.govflow.evaluation.clarify.AnalysisConfig.BiasInputs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Figures for the speed targets, printed rather than asserted (a shared 2-core build machine makes timings
 * no test's business): Model Monitor's baseline and a drift check on a generated 1,000,000-row, 20-column table, and
 * Clarify's full bias report (every pre- and post-training metric on the sample's three facets) on credit-g. Each
 * figure is the best of three runs after one warm-up. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -pl activities -am test-compile \
 *     org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -Xmx4g -cp "activities/target/test-classes:activities/target/classes:$(cat \
 *     activities/target/test-classpath.txt)" io.govflow.evaluation.metrics.MonitorBenchmark
 * </pre>
 */
public final class MonitorBenchmark {

  static final int ROWS = 1_000_000;
  static final int NUMERIC_COLUMNS = 12;
  static final int CATEGORICAL_COLUMNS = 8;
  static final long SEED = 20_261_123L;
  static final int RUNS = 3;

  private final PrintStream out;

  MonitorBenchmark(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    new MonitorBenchmark(System.out).run();
  }

  void run() throws IOException {
    Path folder = Files.createTempDirectory("govflow-benchmark");
    try {
      monitor(folder);
    } finally {
      try (var files = Files.list(folder)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(folder);
    }
    bias();
  }

  private void monitor(Path folder) throws IOException {
    long start = System.nanoTime();
    Path baselineData = generated(folder.resolve("baseline.csv"), SEED, 0);
    Path traffic = generated(folder.resolve("traffic.csv"), SEED + 1, 1);
    out.printf(Locale.ROOT, "generated 2 CSV files of %,d rows x %d columns (%,d MB each) in %.2f s%n", ROWS,
        NUMERIC_COLUMNS + CATEGORICAL_COLUMNS, Files.size(baselineData) / (1024 * 1024),
        seconds(System.nanoTime() - start));

    double baseline = best(() -> ModelMonitorBaseline.constraints(ModelMonitorBaseline.statistics(open(baselineData))));
    MonitorStatistics statistics = ModelMonitorBaseline.statistics(open(baselineData));
    MonitorConstraints constraints = ModelMonitorBaseline.constraints(statistics);
    double check = best(() -> ModelMonitorCheck.run(statistics, constraints, open(traffic)));
    ConstraintViolations violations = ModelMonitorCheck.run(statistics, constraints, open(traffic)).violations();
    out.printf(Locale.ROOT, "streamed baseline (statistics + constraints): %.3f s; drift check: %.3f s; together "
        + "%.3f s on %,d rows; %d violations (%s)%n", baseline, check, baseline + check, ROWS,
        violations.violations().size(), violations.violations().stream()
            .map(v -> v.featureName() + " " + v.constraintCheckType().label()).toList());
    out.printf(Locale.ROOT, "peak heap %s; heap used now %s%n", peakHeap(), heapUsed());
  }

  private void bias() throws IOException {
    AnalysisConfig config =
        AnalysisConfig.parse(Files.readString(Samples.folder().resolve("clarify/analysis_config.json")));
    Table creditG = config.dataset(Files.readString(Samples.path(Samples.CREDIT_G)));
    Table predictions = Table.parse(Files.readString(
        Path.of("activities/src/test/resources/golden/credit-g-predictions.csv")));
    BiasInputs inputs = config.resolve(creditG, predictions);
    double plain = best(() -> report(inputs, null));
    double withIntervals = best(() -> report(inputs, Bootstrap.DEFAULT));
    out.printf(Locale.ROOT, "full bias report on credit-g (%d rows, %d facets, pre + post): %.4f s; with %d-resample "
        + "bootstrap intervals: %.4f s%n", creditG.rowCount(), inputs.facets().size(), plain,
        Bootstrap.DEFAULT_RESAMPLES, withIntervals);
  }

  private static BiasReport report(BiasInputs inputs, Bootstrap bootstrap) {
    BiasReport pre = BiasAnalysis.preTraining(inputs.table(), inputs.outcome(), inputs.facets(),
        inputs.groupVariable(), BiasAnalysis.preTrainingMethods(), bootstrap);
    BiasReport post = BiasAnalysis.postTraining(inputs.table(), inputs.outcome(), inputs.predictedLabels(),
        inputs.facets(), inputs.groupVariable(), BiasAnalysis.postTrainingMethods(), bootstrap);
    return new BiasReport(BiasReport.VERSION, pre.preTrainingBiasMetrics(), post.postTrainingBiasMetrics());
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The best of {@link #RUNS} timed runs after one warm-up, in seconds. */
  private static double best(Supplier<Object> work) {
    work.get();
    long best = Long.MAX_VALUE;
    for (int run = 0; run < RUNS; run++) {
      long start = System.nanoTime();
      work.get();
      best = Math.min(best, System.nanoTime() - start);
    }
    return seconds(best);
  }

  /**
   * A seeded CSV file: integral and fractional numeric columns with one cell in 200 missing (at the same rows in
   * every file, since Model Monitor's completeness check flags any fall in completeness), categorical columns of 3 to
   * 45 values. With {@code shift} 1, the first two numeric columns move by a third of their spread, so a drift check
   * has something to find.
   */
  static Path generated(Path file, long seed, int shift) throws IOException {
    List<String> header = new ArrayList<>();
    for (int c = 0; c < NUMERIC_COLUMNS; c++) {
      header.add("num_" + c);
    }
    for (int c = 0; c < CATEGORICAL_COLUMNS; c++) {
      header.add("cat_" + c);
    }
    SplittableRandom random = new SplittableRandom(seed);
    try (Writer csv = Files.newBufferedWriter(file)) {
      csv.write(String.join(",", header) + "\n");
      StringBuilder line = new StringBuilder(160);
      for (int row = 0; row < ROWS; row++) {
        line.setLength(0);
        for (int c = 0; c < NUMERIC_COLUMNS; c++) {
          if ((row + c) % 200 != 0) {
            double value = 100 * c + 30 * gaussian(random) + (c < 2 ? 10.0 * shift : 0);
            long thousandths = Math.round(value * 1000);
            if (c % 2 == 0) {
              line.append(Math.round(value));
            } else {
              // three decimals, as %.3f writes them, without a formatter per cell
              line.append(thousandths < 0 ? "-" : "").append(Math.abs(thousandths) / 1000).append('.');
              String decimals = Long.toString(Math.abs(thousandths) % 1000);
              line.append("000", 0, 3 - decimals.length()).append(decimals);
            }
          }
          line.append(',');
        }
        for (int c = 0; c < CATEGORICAL_COLUMNS; c++) {
          line.append('v').append(random.nextInt(3 + 6 * c));
          line.append(c == CATEGORICAL_COLUMNS - 1 ? '\n' : ',');
        }
        csv.append(line);
      }
    }
    return file;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String heapUsed() {
    System.gc();
    return megabytes(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  private static String peakHeap() {
    return megabytes(ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage)
        .mapToLong(usage -> usage.getUsed())
        .sum());
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
  }
}
