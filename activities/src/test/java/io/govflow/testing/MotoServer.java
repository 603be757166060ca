package io.govflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * A real AWS emulator (moto's {@code moto_server}, which serves S3 and SageMaker among others) on a free loopback
 * port, with its log in the calling module's {@code target/}, and SDK clients pointed at it.
 */
public final class MotoServer implements AutoCloseable {

  /** Pinned so that the emulator's behaviour, and so the gaps the tests document, stay the same between runs. */
  static final String MOTO_REQUIREMENT = "moto[server]==5.2.5";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Region REGION = Region.US_EAST_1;
  private static final StaticCredentialsProvider TEST_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private final ServerProcess server;
  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private MotoServer(ServerProcess server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /** Starts an empty emulator and returns once it answers HTTP. */
  public static MotoServer start() {
    Path executable = motoServer();
    int port = ServerProcess.freePort();
    MotoServer moto = new MotoServer(
        ServerProcess.start("moto_server",
            List.of(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)), "moto-" + port + ".log"),
        URI.create("http://127.0.0.1:" + port));
    HttpRequest probe = HttpRequest.newBuilder(moto.endpoint.resolve("/moto-api/data.json"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    moto.server.awaitReady(START_TIMEOUT,
        () -> moto.http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return moto;
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * An S3 client on the emulator; path-style, since bucket host names do not resolve to the loopback address.
   * Interceptors let a test read or reshape the requests (smaller list pages, for instance).
   */
  public S3Client s3(ExecutionInterceptor... interceptors) {
    return S3Client.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(TEST_CREDENTIALS)
        .forcePathStyle(true).overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
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
        throw new IllegalStateException("moto reset answered " + response.statusCode() + "; see " + server.log());
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
    server.close();
  }

  /** {@code moto_server} in the tools' virtual environment, pip-installed there on first use. */
  private static Path motoServer() {
    Path executable = PythonTools.venv().resolve("bin/moto_server");
    if (!Files.isExecutable(executable)) {
      ServerProcess.runToCompletion(PythonTools.venv().getParent(), PythonTools.pip().toString(),
          "install", "--quiet", "--disable-pip-version-check", MOTO_REQUIREMENT);
    }
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(executable + " is still missing after installing " + MOTO_REQUIREMENT);
    }
    return executable;
  }
}
