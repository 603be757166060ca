package io.govflow.testing;

import io.govflow.common.GovflowSearchAttributes;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal dev server (the CLI's {@code server start-dev}) on a free loopback port, with govflow's search
 * attributes registered and its SQLite file and log in the calling module's {@code target/}. The server is stopped on
 * {@link #close()} and, should a test run die first, by a shutdown hook, so no stray server outlives the build.
 */
public final class TemporalDevServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final String target;
  private final Path log;
  private final Thread shutdownHook;

  private TemporalDevServer(Process process, String target, Path log) {
    this.process = process;
    this.target = target;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, "temporal-dev-server-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a server with a fresh database and returns once it answers a describe-namespace call. */
  public static TemporalDevServer start() {
    Path cli = temporalCli();
    int port = freePort();
    Path targetDir = Path.of("target").toAbsolutePath();
    Path database = targetDir.resolve("temporal-dev-" + port + ".db");
    Path log = targetDir.resolve("temporal-dev-" + port + ".log");
    List<String> command = new ArrayList<>(List.of(cli.toString(), "server", "start-dev", "--headless",
        "--ip", "127.0.0.1", "--port", Integer.toString(port), "--db-filename", database.toString(),
        // The dev server polls its transfer queue slowly by default; tests would wait seconds per workflow task.
        "--dynamic-config-value", "history.transferProcessorMaxPollRPS=1000"));
    GovflowSearchAttributes.ALL.forEach(
        key -> command.addAll(List.of("--search-attribute", key.getName() + "=Keyword")));
    try {
      Files.createDirectories(targetDir);
      Files.deleteIfExists(database);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      TemporalDevServer server = new TemporalDevServer(process, "127.0.0.1:" + port, log);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cli, e);
    }
  }

  /** The gRPC target, for {@code govflow.temporal.target}. */
  public String target() {
    return target;
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs or has run; nothing left to undo.
    }
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady() {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Temporal dev server exited with " + process.exitValue() + "; see " + log);
        }
        try {
          stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
          return;
        } catch (RuntimeException notYet) {
          if (Instant.now().isAfter(deadline)) {
            stop();
            throw new IllegalStateException("Temporal dev server did not answer within " + START_TIMEOUT + "; see " + log,
                notYet);
          }
          sleep(Duration.ofMillis(200));
        }
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  /** The CLI under {@code <repo root>/.tools}, installed by {@code bin/install-tools} on first use. */
  private static Path temporalCli() {
    String rootProperty = System.getProperty("govflow.repo.root");
    if (rootProperty == null || rootProperty.isBlank()) {
      throw new IllegalStateException("system property govflow.repo.root is not set; run the tests through Maven, whose "
          + "surefire and failsafe configuration in the root pom sets it");
    }
    Path root = Path.of(rootProperty).toAbsolutePath();
    Path cli = root.resolve(".tools/venv/bin/temporal");
    if (!Files.isExecutable(cli)) {
      install(root);
    }
    if (!Files.isExecutable(cli)) {
      throw new IllegalStateException(cli + " is still missing after bin/install-tools");
    }
    return cli;
  }

  private static void install(Path root) {
    try {
      Process install = new ProcessBuilder(root.resolve("bin/install-tools").toString())
          .directory(root.toFile()).inheritIO().start();
      if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
        throw new IllegalStateException("bin/install-tools failed; run it by hand to see why");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run bin/install-tools", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the Temporal CLI", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal dev server", e);
    }
  }
}
