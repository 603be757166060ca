package io.govflow.testing;

import io.govflow.common.GovflowSearchAttributes;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal dev server (the CLI's {@code server start-dev}) on a free loopback port, with govflow's search
 * attributes registered and its SQLite file and log in the calling module's {@code target/}.
 */
public final class TemporalDevServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final ServerProcess server;
  private final String target;

  private TemporalDevServer(ServerProcess server, String target) {
    this.server = server;
    this.target = target;
  }

  /** Starts a server with a fresh database and returns once it answers a describe-namespace call. */
  public static TemporalDevServer start() {
    Path cli = temporalCli();
    int port = ServerProcess.freePort();
    Path database = Path.of("target").toAbsolutePath().resolve("temporal-dev-" + port + ".db");
    List<String> command = new ArrayList<>(List.of(cli.toString(), "server", "start-dev", "--headless",
        "--ip", "127.0.0.1", "--port", Integer.toString(port), "--db-filename", database.toString(),
        // The dev server polls its transfer queue slowly by default; tests would wait seconds per workflow task.
        "--dynamic-config-value", "history.transferProcessorMaxPollRPS=1000"));
    GovflowSearchAttributes.ALL.forEach(
        key -> command.addAll(List.of("--search-attribute", key.getName() + "=Keyword")));
    try {
      Files.deleteIfExists(database);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale " + database, e);
    }
    TemporalDevServer devServer = new TemporalDevServer(
        ServerProcess.start("Temporal dev server", command, "temporal-dev-" + port + ".log"), "127.0.0.1:" + port);
    devServer.awaitReady();
    return devServer;
  }

  /** The gRPC target, for {@code govflow.temporal.target}. */
  public String target() {
    return target;
  }

  @Override
  public void close() {
    server.close();
  }

  private void awaitReady() {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      server.awaitReady(START_TIMEOUT, () -> {
        stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
            .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
        return true;
      });
    } finally {
      stubs.shutdownNow();
    }
  }

  /** The CLI under {@code <repo root>/.tools}, installed by {@code bin/install-tools} on first use. */
  private static Path temporalCli() {
    Path root = ServerProcess.repoRoot();
    Path cli = root.resolve(".tools/venv/bin/temporal");
    if (!Files.isExecutable(cli)) {
      ServerProcess.runToCompletion(root, root.resolve("bin/install-tools").toString());
    }
    if (!Files.isExecutable(cli)) {
      throw new IllegalStateException(cli + " is still missing after bin/install-tools");
    }
    return cli;
  }
}
