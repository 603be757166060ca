package io.govflow.deployment.local;

import io.govflow.deployment.DeploymentRequest;
import io.govflow.deployment.EndpointRef;
import io.govflow.deployment.Environment;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.LocalArtifactStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A load harness, not a test: deploys a credit-g model on a loopback endpoint, sends the 1000 sample rows as one
 * CSV request each, {@code rounds} times (after one warm-up round) from {@code clients} threads, and prints the
 * latency p50/p99 and the throughput. Arguments: {@code [rounds (1-20, default 3)] [clients (1-8, default 1)]}.
 * It prints its figures to standard output: they are what it is run for.
 */
public final class EndpointLatencyBenchmark {

  private EndpointLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = bounded(args, 0, 3, 20);
    int clients = bounded(args, 1, 1, 8);
    Path artifacts = Files.createTempDirectory("gf-endpoint-benchmark");
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    try (EndpointServer server = EndpointServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), store, Clock.systemUTC())) {
      LocalDeploymentActivities deployment = new LocalDeploymentActivities(store, server);
      EndpointRef endpoint = deployment.deploy(new DeploymentRequest(CreditModels.USE_CASE, "uc-7-v1",
          Environment.PRODUCTION, CreditModels.train(store, 1, 42)));
      Table sample = CreditModels.sample();
      List<String> features = sample.columns().stream().filter(column -> !column.equals("class")).toList();
      List<HttpRequest> requests = new ArrayList<>();
      for (int row = 0; row < sample.rowCount(); row++) {
        requests.add(HttpRequest.newBuilder(URI.create(endpoint.url())).header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(Table.csvLine(sample.row(row), features))).build());
      }

      send(requests, 1, clients);
      long started = System.nanoTime();
      long[] latencies = send(requests, rounds, clients);
      double seconds = (System.nanoTime() - started) / 1e9;

      Arrays.sort(latencies);
      System.out.printf("%d requests (%d rounds x %d rows, %d client thread(s)) to %s%n", latencies.length, rounds,
          requests.size(), clients, endpoint.url());
      System.out.printf("latency p50 %.3f ms, p99 %.3f ms, max %.3f ms; throughput %.0f requests/s%n",
          percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6,
          latencies.length / seconds);
      System.out.printf("captured %d lines under %s%n", captured(store, endpoint), endpoint.captureLocation());
    } finally {
      try (Stream<Path> files = Files.walk(artifacts)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  private static long captured(LocalArtifactStore store, EndpointRef endpoint) throws IOException {
    try (Stream<Path> files = Files.walk(store.pathOf(endpoint.captureLocation()))) {
      long lines = 0;
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        lines += Files.readAllLines(file).size();
      }
      return lines;
    }
  }

  /** Every request {@code rounds} times, split between the client threads; the latency of each, in nanoseconds. */
  private static long[] send(List<HttpRequest> requests, int rounds, int clients) throws Exception {
    int total = requests.size() * rounds;
    long[] latencies = new long[total];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        done.add(pool.submit(() -> {
          for (int i = client; i < total; i += clients) {
            long start = System.nanoTime();
            HttpResponse<String> response = CreditModels.send(requests.get(i % requests.size()));
            latencies[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
              throw new IllegalStateException("request " + i + " answered " + response.statusCode() + ": "
                  + response.body());
            }
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    return latencies;
  }

  private static double percentile(long[] sorted, double fraction) {
    return sorted[(int) Math.ceil(fraction * sorted.length) - 1] / 1e6;
  }

  private static int bounded(String[] args, int index, int fallback, int max) {
    int value = args.length > index ? Integer.parseInt(args[index]) : fallback;
    return Math.max(1, Math.min(max, value));
  }
}
