package io.govflow.evaluation.metrics;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.govflow.common.Samples;
import io.govflow.evaluation.clarify.AnalysisConfig;
import io.govflow.evaluation.clarify.AnalysisConfig.BiasInputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Figures for the speed targets, printed rather than asserted (a shared 2-core build machine makes timings
 * no test's business), in one run: Clarify's full bias report (every pre- and post-training metric on the sample
 * configuration's three credit-g facets) without and with bootstrap intervals, the same report through smclarify
 * (tools/clarify-reference/benchmark_bias.py in the pinned venv) and the ratio; then Model Monitor's baseline and a
 * drift check streamed from a generated 1,000,000-row, 20-column CSV, with the live heap after each garbage
 * collection. Each figure is the best of three runs after warm-ups. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -pl activities -am test-compile \
 *     org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -Xmx256m -cp "activities/target/test-classes:activities/target/classes:$(cat \
 *     activities/target/test-classpath.txt)" io.govflow.evaluation.metrics.EvaluationBenchmark
 * </pre>
 */
public final class EvaluationBenchmark {

  static final int ROWS = 1_000_000;
  static final int NUMERIC_COLUMNS = 12;
  static final int CATEGORICAL_COLUMNS = 8;
  static final long SEED = 20_261_123L;
  static final int RUNS = 3;
  /** A report takes milliseconds: the JIT needs a few runs before it has compiled what a long run would. */
  static final int BIAS_WARM_UPS = 10;

  static final Path CLARIFY_PYTHON = Path.of(".tools/clarify-venv/bin/python");
  static final Path CLARIFY_BENCHMARK = Path.of("tools/clarify-reference/benchmark_bias.py");
  static final String CLARIFY_VENV = "python3.11 -m venv .tools/clarify-venv && .tools/clarify-venv/bin/pip "
      + "install --no-deps -r tools/clarify-reference/requirements.txt";

  private final PrintStream out;
  private final Path repository;
  private final AtomicLong liveHeapPeak = new AtomicLong();

  EvaluationBenchmark(PrintStream out, Path repository) {
    this.out = out;
    this.repository = repository;
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    new EvaluationBenchmark(System.out, Samples.folder().getParent()).run();
  }

  void run() throws IOException, InterruptedException {
    bias();
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
  }

  private void bias() throws IOException, InterruptedException {
    AnalysisConfig config =
        AnalysisConfig.parse(Files.readString(Samples.folder().resolve("clarify/analysis_config.json")));
    Table creditG = config.dataset(Files.readString(Samples.path(Samples.CREDIT_G)));
    Table predictions = Table.parse(Files.readString(
        repository.resolve("activities/src/test/resources/golden/credit-g-predictions.csv")));
    BiasInputs inputs = config.resolve(creditG, predictions);
    double plain = best(() -> report(inputs, null), BIAS_WARM_UPS).wall();
    double withIntervals = best(() -> report(inputs, Bootstrap.DEFAULT), BIAS_WARM_UPS).wall();
    out.printf(Locale.ROOT, "bias report on credit-g (%d rows, %d facets, every pre- and post-training metric), best "
        + "of %d after %d warm-ups:%n", creditG.rowCount(), inputs.facets().size(), RUNS, BIAS_WARM_UPS);
    out.printf(Locale.ROOT, "  govflow                         %8.1f ms%n", plain * 1000);
    out.printf(Locale.ROOT, "  govflow with 95 %% intervals     %8.1f ms (%d bootstrap resamples per facet)%n",
        withIntervals * 1000, Bootstrap.DEFAULT_RESAMPLES);
    Optional<Double> smclarify = smclarifyMillis();
    if (smclarify.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "  smclarify (Python reference)    %8.1f ms%n", smclarify.get());
    out.printf(Locale.ROOT, "  smclarify / govflow             %8.1fx (with intervals %.1fx)%n",
        smclarify.get() / (plain * 1000), smclarify.get() / (withIntervals * 1000));
  }

  private static BiasReport report(BiasInputs inputs, Bootstrap bootstrap) {
    BiasReport pre = BiasAnalysis.preTraining(inputs.table(), inputs.outcome(), inputs.facets(),
        inputs.groupVariable(), BiasAnalysis.preTrainingMethods(), bootstrap);
    BiasReport post = BiasAnalysis.postTraining(inputs.table(), inputs.outcome(), inputs.predictedLabels(),
        inputs.facets(), inputs.groupVariable(), BiasAnalysis.postTrainingMethods(), bootstrap);
    return new BiasReport(BiasReport.VERSION, pre.preTrainingBiasMetrics(), post.postTrainingBiasMetrics());
  }

  /** smclarify's best time on the same report, from the Python script's last line; empty without the venv. */
  private Optional<Double> smclarifyMillis() throws IOException, InterruptedException {
    if (!Files.isExecutable(repository.resolve(CLARIFY_PYTHON))) {
      out.println("  smclarify: skipped, no " + CLARIFY_PYTHON + "; create it from the repository root with: "
          + CLARIFY_VENV);
      return Optional.empty();
    }
    Process python = new ProcessBuilder(repository.resolve(CLARIFY_PYTHON).toString(),
        CLARIFY_BENCHMARK.toString(), "--runs", Integer.toString(RUNS))
        .directory(repository.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (python.waitFor() != 0) {
      out.println("  smclarify: " + CLARIFY_BENCHMARK + " failed (exit " + python.exitValue() + ")");
      return Optional.empty();
    }
    return printed.lines().filter(line -> line.startsWith("smclarify_ms="))
        .map(line -> Double.parseDouble(line.substring("smclarify_ms=".length()))).findFirst();
  }

  private void monitor(Path folder) throws IOException {
    long start = System.nanoTime();
    Path baselineData = generated(folder.resolve("baseline.csv"), SEED, 0);
    Path traffic = generated(folder.resolve("traffic.csv"), SEED + 1, 1);
    out.printf(Locale.ROOT, "Model Monitor on a generated CSV of %,d rows x %d columns (%,d MB; 2 files made in "
        + "%.1f s), streamed, best of %d:%n", ROWS, NUMERIC_COLUMNS + CATEGORICAL_COLUMNS,
        Files.size(baselineData) / (1024 * 1024), seconds(System.nanoTime() - start), RUNS);

    watchLiveHeap();
    Timing baseline =
        best(() -> ModelMonitorBaseline.constraints(ModelMonitorBaseline.statistics(open(baselineData))), 1);
    MonitorStatistics statistics = ModelMonitorBaseline.statistics(open(baselineData));
    MonitorConstraints constraints = ModelMonitorBaseline.constraints(statistics);
    Timing check = best(() -> ModelMonitorCheck.run(statistics, constraints, open(traffic)), 1);
    ConstraintViolations violations = ModelMonitorCheck.run(statistics, constraints, open(traffic)).violations();
    out.printf(Locale.ROOT, "  baseline (statistics + constraints)      %6.3f s (CPU %.3f s)%n", baseline.wall(),
        baseline.cpu());
    out.printf(Locale.ROOT, "  drift check (statistics + violations)    %6.3f s (CPU %.3f s), %d violations %s%n",
        check.wall(), check.cpu(), violations.violations().size(), violations.violations().stream()
            .map(v -> v.featureName() + " " + v.constraintCheckType().label()).toList());
    out.printf(Locale.ROOT, "  together                                 %6.3f s (CPU %.3f s) on %d cores%n",
        baseline.wall() + check.wall(), baseline.cpu() + check.cpu(), Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "  heap after garbage collection: at most %s while streaming (max heap %s)%n",
        megabytes(liveHeapPeak.get()), megabytes(Runtime.getRuntime().maxMemory()));
  }

  /**
   * Records the heap in use after every collection from now on: what the streamed runs keep, give or take the
   * garbage a young collection leaves in the old generation (an upper bound, then).
   */
  private void watchLiveHeap() {
    System.gc();
    liveHeapPeak.set(0);
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    NotificationListener listener = (notification, handback) -> {
      if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
            .filter(pool -> heapPools.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
        liveHeapPeak.accumulateAndGet(used, Math::max);
      }
    };
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
    }
  }

  /**
   * The fastest of {@link #RUNS} timed runs after {@code warmUps} untimed ones: its wall time and the CPU time the
   * process spent on it (all threads), which says how much a busy machine stretched the wall time.
   */
  private static Timing best(Supplier<Object> work, int warmUps) {
    for (int run = 0; run < warmUps; run++) {
      work.get();
    }
    var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Timing best = new Timing(Double.MAX_VALUE, 0);
    for (int run = 0; run < RUNS; run++) {
      long cpu = process.getProcessCpuTime();
      long start = System.nanoTime();
      work.get();
      Timing timing = new Timing(seconds(System.nanoTime() - start), seconds(process.getProcessCpuTime() - cpu));
      best = timing.wall() < best.wall() ? timing : best;
    }
    return best;
  }

  /** Seconds on the clock and of CPU. */
  private record Timing(double wall, double cpu) {}

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
            if (c % 2 == 0) {
              line.append(Math.round(value));
            } else {
              // three decimals, as %.3f writes them, without a formatter per cell
              long thousandths = Math.round(value * 1000);
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

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
  }
}
