package io.govflow.monitoring.local;

import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.deployment.local.CreditModels;
import io.govflow.deployment.local.EndpointServer;
import io.govflow.deployment.local.LocalDeploymentActivities;
import io.govflow.evaluation.ModelEvaluation;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.monitoring.BaselineRequest;
import io.govflow.monitoring.GroundTruthEncoding;
import io.govflow.monitoring.GroundTruthLabel;
import io.govflow.monitoring.GroundTruthStore;
import io.govflow.monitoring.MonitoringBaseline;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.monitoring.MonitoringRunRequest;
import io.govflow.testing.SettableClock;
import io.govflow.training.CandidateModel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A timing harness, not a test: 10,000 credit-g rows (the sample ten times) sent to a production endpoint over HTTP
 * and captured within one hour, all of them labelled by ground truth received in that hour, then one monitoring run
 * over the hour, timed (data quality, model quality and bias drift), after one warm-up run of the same window. It
 * prints its figures: they are what it is run for. From the repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -pl activities -am test-compile \
 *     org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp "activities/target/test-classes:activities/target/classes:$(cat \
 *     activities/target/test-classpath.txt)" io.govflow.monitoring.local.MonitoringRunBenchmark
 * </pre>
 */
public final class MonitoringRunBenchmark {

  static final int ROUNDS = 10;
  static final Instant HOUR = Instant.parse("2026-03-01T10:00:00Z");

  private MonitoringRunBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path artifacts = Files.createTempDirectory("gf-monitoring-benchmark");
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    SettableClock clock = new SettableClock(HOUR);
    try (EndpointServer server = EndpointServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), store, clock)) {
      CandidateModel candidate = CreditModels.train(store, 1, 42);
      ModelEvaluation evaluation = CreditModels.evaluate(store, candidate);
      GroundTruthStore groundTruth = new GroundTruthStore(store, GroundTruthEncoding.AS_POSTED);
      LocalMonitoringActivities monitoring = new LocalMonitoringActivities(store, groundTruth);
      MonitoringBaseline baseline = monitoring.createBaseline(new BaselineRequest(CreditModels.USE_CASE, "uc-7-v1",
          candidate, CreditModels.CREDIT, CreditModels.FACETS, evaluation.evidence()));
      EndpointRef endpoint = new LocalDeploymentActivities(store, server).deploy(
          new DeploymentRequest(CreditModels.USE_CASE, "uc-7-v1", Environment.PRODUCTION, candidate));

      Table sample = CreditModels.sample();
      List<String> features = sample.columns().stream().filter(column -> !column.equals("class")).toList();
      List<GroundTruthLabel> labels = new ArrayList<>();
      long sending = System.nanoTime();
      for (int n = 0; n < ROUNDS * sample.rowCount(); n++) {
        int row = n % sample.rowCount();
        // 300 ms apart: 10,000 records fill 50 minutes of the hour
        clock.set(HOUR.plusMillis(300L * n));
        HttpResponse<String> response =
            CreditModels.post(endpoint.url(), "text/csv", Table.csvLine(sample.row(row), features));
        if (response.statusCode() != 200) {
          throw new IllegalStateException("row " + row + " answered " + response.statusCode() + ": "
              + response.body());
        }
        labels.add(new GroundTruthLabel(response.headers().firstValue(EndpointServer.EVENT_ID_HEADER).orElseThrow(),
            sample.value(row, "class")));
      }
      double sent = seconds(System.nanoTime() - sending);
      groundTruth.write(CreditModels.USE_CASE, "good", "benchmark", labels, HOUR.plus(Duration.ofMinutes(55)));

      MonitoringRunRequest request = new MonitoringRunRequest(CreditModels.USE_CASE, "uc-7-v1", "uc-7-run-1",
          endpoint, baseline, CreditModels.CREDIT, CreditModels.FACETS, HOUR, HOUR.plus(Duration.ofHours(1)));
      long warm = System.nanoTime();
      monitoring.runMonitoring(request);
      double first = seconds(System.nanoTime() - warm);
      long started = System.nanoTime();
      MonitoringRun run = monitoring.runMonitoring(request);
      double timed = seconds(System.nanoTime() - started);

      System.out.printf(Locale.ROOT, "captured %,d records over HTTP in %.1f s; ground truth for %,d of them%n",
          labels.size(), sent, labels.size());
      System.out.printf(Locale.ROOT, "monitoring run over %,d captured records (%,d labelled): %.2f s "
              + "(first run, cold: %.2f s); %d reports, %d violations%n", run.capturedRecords(),
          run.labelledRecords(), timed, first, run.reports().size(), run.violations().size());
      run.violations().forEach(violation -> System.out.printf("  %s %s %s%n", violation.monitor(),
          violation.checkType(), violation.subject()));
    } finally {
      try (Stream<Path> files = Files.walk(artifacts)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
