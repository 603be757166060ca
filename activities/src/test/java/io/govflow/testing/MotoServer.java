package io.govflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * A real AWS emulator (moto's {@code moto_server}, which serves S3 and SageMaker among others) on a free loopback
 * port, with its log in the calling module's {@code target/}, and SDK clients pointed at it. The server is stopped on
 * {@link #close()} and, should a test run die first, by a shutdown hook, so no stray server outlives the build.
 */
public final class MotoServer implements AutoCloseable {

  /** Pinned so that the emulator's behaviour, and so the gaps the tests document, stay the same between runs. */
  static final String MOTO_REQUIREMENT = "moto[server]==5.2.5";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Region REGION = Region.US_EAST_1;
  private static final StaticCredentialsProvider TEST_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private final Process process;
  private final URI endpoint;
  private final Path log;
  private final Thread shutdownHook;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, "moto-server-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts an empty emulator and returns once it answers HTTP. */
  public static MotoServer start() {
    Path executable = motoServer();
    int port = freePort();
    Path targetDir = Path.of("target").toAbsolutePath();
    Path log = targetDir.resolve("moto-" + port + ".log");
    try {
      Files.createDirectories(targetDir);
      Process process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + executable, e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** An S3 client on the emulator; path-style, since bucket host names do not resolve to the loopback address. */
  public S3Client s3() {
    return S3Client.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(TEST_CREDENTIALS)
        .forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  /** A SageMaker client on the emulator; interceptors let a test read the requests the emulator does not keep. */
  public SageMakerClient sageMaker(ExecutionInterceptor... interceptors) {
    return SageMakerClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(TEST_CREDENTIALS)
        .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  /** Forgets every resource, so that each test starts from an empty account. */
  public void reset() {
    try {
      HttpResponse<Void> response = http.send(
          HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("moto reset answered " + response.statusCode() + "; see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset moto at " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resetting moto", e);
    }
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
    HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        stop();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto_server", e);
      }
      if (Instant.now().isAfter(deadline)) {
        stop();
        throw new IllegalStateException("moto_server did not answer within " + START_TIMEOUT + "; see " + log);
      }
      sleep(Duration.ofMillis(200));
    }
  }

  /** {@code moto_server} in {@code <repo root>/.tools/venv}, pip-installed there on first use. */
  private static Path motoServer() {
    String rootProperty = System.getProperty("govflow.repo.root");
    if (rootProperty == null || rootProperty.isBlank()) {
      throw new IllegalStateException("system property govflow.repo.root is not set; run the tests through Maven, whose "
          + "surefire and failsafe configuration in the root pom sets it");
    }
    Path venv = Path.of(rootProperty).toAbsolutePath().resolve(".tools/venv");
    Path executable = venv.resolve("bin/moto_server");
    if (!Files.isExecutable(executable)) {
      if (!Files.isExecutable(venv.resolve("bin/pip"))) {
        run(venv.getParent(), "python3", "-m", "venv", venv.toString());
      }
      run(venv.getParent(), venv.resolve("bin/pip").toString(), "install", "--quiet", "--disable-pip-version-check",
          MOTO_REQUIREMENT);
    }
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(executable + " is still missing after installing " + MOTO_REQUIREMENT);
    }
    return executable;
  }

  private static void run(Path directory, String... command) {
    try {
      Files.createDirectories(directory);
      Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed; run it by hand to see why");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing " + MOTO_REQUIREMENT, e);
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
      throw new IllegalStateException("interrupted while waiting for moto_server", e);
    }
  }
}
