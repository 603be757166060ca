package io.govflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A real server the tests run as a child process (Temporal's dev server, moto): its output in the calling module's
 * {@code target/}, readiness polled until a deadline, and stopped on {@link #close()} or, should a test run die
 * first, by a shutdown hook, so no stray server outlives the build.
 */
public final class ServerProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread shutdownHook;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, name + "-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts {@code command} with its output in {@code target/<logName>}. */
  public static ServerProcess start(String name, List<String> command, String logName) {
    return start(name, command, Map.of(), logName);
  }

  /** Starts {@code command} with {@code environment} added to this process's; output in {@code target/<logName>}. */
  public static ServerProcess start(String name, List<String> command, Map<String, String> environment,
      String logName) {
    Path targetDir = Path.of("target").toAbsolutePath();
    Path log = targetDir.resolve(logName);
    try {
      Files.createDirectories(targetDir);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      return new ServerProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
  }

  /**
   * Polls {@code probe} until it answers true; an exception from it means "not yet". Stops the server and fails,
   * naming the log, if the process exits or {@code timeout} passes first.
   */
  public void awaitReady(Duration timeout, Callable<Boolean> probe) {
    Instant deadline = Instant.now().plus(timeout);
    Exception lastAttempt = null;
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (Boolean.TRUE.equals(probe.call())) {
          return;
        }
      } catch (Exception notYet) {
        lastAttempt = notYet;
      }
      if (Instant.now().isAfter(deadline)) {
        stop();
        throw new IllegalStateException(name + " did not answer within " + timeout + "; see " + log, lastAttempt);
      }
      sleep(Duration.ofMillis(200));
    }
  }

  public Path log() {
    return log;
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

  /** The repository's root, which the root pom hands every test as {@code govflow.repo.root}. */
  public static Path repoRoot() {
    String root = System.getProperty("govflow.repo.root");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException("system property govflow.repo.root is not set; run the tests through Maven, whose "
          + "surefire and failsafe configuration in the root pom sets it");
    }
    return Path.of(root).toAbsolutePath();
  }

  /** Runs an installation step to completion, failing with the command line if it does not succeed. */
  public static void runToCompletion(Path directory, String... command) {
    try {
      Files.createDirectories(directory);
      Process install = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
      if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed; run it by hand to see why");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command[0], e);
    }
  }

  public static int freePort() {
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
      throw new IllegalStateException("interrupted while waiting for a test server", e);
    }
  }
}
