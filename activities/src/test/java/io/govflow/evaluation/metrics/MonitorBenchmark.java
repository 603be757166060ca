package io.govflow.evaluation.metrics;

import io.govflow.common.Samples;
import io.govflow.evaluation.clarify.AnalysisConfig;
import io.govflow.evaluation.clarify.AnalysisConfig.BiasInputs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
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
    long start = System.nanoTime();
    Table baselineData = generated(SEED, 0);
    Table traffic = generated(SEED + 1, 1);
    out.printf(Locale.ROOT, "generated 2 tables of %,d rows x %d columns in %.2f s; heap used %s%n",
        baselineData.rowCount(), baselineData.columns().size(), seconds(System.nanoTime() - start), heapUsed());

    double baseline = best(() -> ModelMonitorBaseline.constraints(ModelMonitorBaseline.statistics(baselineData)));
    MonitorStatistics statistics = ModelMonitorBaseline.statistics(baselineData);
    MonitorConstraints constraints = ModelMonitorBaseline.constraints(statistics);
    double check = best(() -> ModelMonitorCheck.check(statistics, constraints, traffic));
    ConstraintViolations violations = ModelMonitorCheck.check(statistics, constraints, traffic);
    out.printf(Locale.ROOT, "baseline (statistics + constraints): %.3f s; drift check: %.3f s; together %.3f s"
        + " on %,d rows; %d violations (%s)%n", baseline, check, baseline + check, ROWS,
        violations.violations().size(), violations.violations().stream()
            .map(v -> v.featureName() + " " + v.constraintCheckType().label()).toList());

    AnalysisConfig config =
        AnalysisConfig.parse(Files.readString(Samples.folder().resolve("clarify/analysis_config.json")));
    Table creditG = config.dataset(Files.readString(Samples.path(Samples.CREDIT_G)));
    Table predictions = Table.parse(Files.readString(
        Path.of("activities/src/test/resources/golden/credit-g-predictions.csv")));
    BiasInputs inputs = config.resolve(creditG, predictions);
    double bias = best(() -> {
      BiasAnalysis.preTraining(inputs.table(), inputs.outcome(), inputs.facets(), inputs.groupVariable(),
          BiasAnalysis.preTrainingMethods());
      return BiasAnalysis.postTraining(inputs.table(), inputs.outcome(), inputs.predictedLabels(), inputs.facets(),
          inputs.groupVariable(), BiasAnalysis.postTrainingMethods());
    });
    out.printf(Locale.ROOT, "full bias report on credit-g (%d rows, %d facets, pre + post): %.4f s%n",
        creditG.rowCount(), inputs.facets().size(), bias);
    out.printf(Locale.ROOT, "peak heap %s; heap used now %s%n", peakHeap(), heapUsed());
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
   * A seeded table: integral and fractional numeric columns with one cell in 200 missing (at the same rows in every
   * table, since Model Monitor's completeness check flags any fall in completeness), categorical columns of 3 to 45
   * values. With {@code shift} 1, the first two numeric columns move by a third of their spread, so a drift check
   * has something to find.
   */
  static Table generated(long seed, int shift) {
    List<String> header = new ArrayList<>();
    for (int c = 0; c < NUMERIC_COLUMNS; c++) {
      header.add("num_" + c);
    }
    for (int c = 0; c < CATEGORICAL_COLUMNS; c++) {
      header.add("cat_" + c);
    }
    SplittableRandom random = new SplittableRandom(seed);
    IntFunction<String> line = row -> {
      StringBuilder text = new StringBuilder(160);
      for (int c = 0; c < NUMERIC_COLUMNS; c++) {
        if ((row + c) % 200 == 0) {
          text.append(',');
          continue;
        }
        double value = 100 * c + 30 * gaussian(random) + (c < 2 ? 10.0 * shift : 0);
        if (c % 2 == 0) {
          text.append(Math.round(value));
        } else {
          text.append(String.format(Locale.ROOT, "%.3f", value));
        }
        text.append(',');
      }
      for (int c = 0; c < CATEGORICAL_COLUMNS; c++) {
        text.append("v").append(random.nextInt(3 + 6 * c));
        text.append(c == CATEGORICAL_COLUMNS - 1 ? '\n' : ',');
      }
      return text.toString();
    };
    return Table.read(new LinesReader(String.join(",", header) + "\n", ROWS, line));
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

  /** CSV text made line by line as the parser reads it, so the generated file never exists whole. */
  private static final class LinesReader extends Reader {

    private final int lines;
    private final IntFunction<String> line;
    private String current;
    private int position;
    private int next;

    LinesReader(String header, int lines, IntFunction<String> line) {
      this.current = header;
      this.lines = lines;
      this.line = line;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (position == current.length()) {
        if (next == lines) {
          return -1;
        }
        current = line.apply(next++);
        position = 0;
      }
      int count = Math.min(length, current.length() - position);
      current.getChars(position, position + count, buffer, offset);
      position += count;
      return count;
    }

    @Override
    public void close() {
      current = "";
    }
  }
}
