package io.govflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One endpoint for a process that builds its own SDK clients from {@code govflow.aws.endpoint-override}, where the
 * per-activity tests put an interceptor on the client: S3 and the SageMaker operations moto has go to moto unchanged
 * (the Authorization header too, since moto routes by the service it was signed for); the operations moto lacks go
 * to {@link SageMakerGaps}; sagemaker-runtime's InvokeEndpoint goes to {@link SageMakerRuntimeStub}, which answers
 * as the endpoint's model through the {@link SageMakerJobPlayer}. Every SageMaker request body is checked against
 * botocore's model by {@link SageMakerGaps#inspect}, as the interceptor does; and once moto has accepted a job's
 * create request, the player writes what the job's container would before the answer goes back.
 */
public final class AwsFrontDoor implements AutoCloseable {

  private static final Pattern INVOCATIONS = Pattern.compile("/endpoints/[^/]+/invocations");
  /** Headers the JDK's client sets itself, and hop-by-hop ones that must not be passed on. */
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "date", "expect", "from",
      "host", "upgrade", "via", "warning", "transfer-encoding", "keep-alive");

  private final HttpServer http;
  private final ExecutorService threads;
  private final URI moto;
  private final SageMakerGaps gaps;
  private final SageMakerRuntimeStub runtime;
  private final SageMakerJobPlayer player;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Integer> creates = new TreeMap<>();

  private AwsFrontDoor(HttpServer http, ExecutorService threads, URI moto, SageMakerGaps gaps,
      SageMakerRuntimeStub runtime, SageMakerJobPlayer player) {
    this.http = http;
    this.threads = threads;
    this.moto = moto;
    this.gaps = gaps;
    this.runtime = runtime;
    this.player = player;
  }

  /** Serves on a free loopback port; the runtime stub serves the player's models from now on. */
  public static AwsFrontDoor start(URI moto, SageMakerGaps gaps, SageMakerRuntimeStub runtime,
      SageMakerJobPlayer player) {
    runtime.serve(player::invoke);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      AwsFrontDoor door = new AwsFrontDoor(http, threads, moto, gaps, runtime, player);
      http.createContext("/", door::handle);
      http.setExecutor(threads);
      http.start();
      return door;
    } catch (IOException e) {
      threads.shutdownNow();
      throw new UncheckedIOException("cannot start the AWS front door on the loopback interface", e);
    }
  }

  /** For {@code govflow.aws.endpoint-override}. */
  public URI endpoint() {
    return URI.create("http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort());
  }

  /**
   * How many SageMaker {@code Create*} requests were sent per created thing, keyed {@code <Operation> <name>}: a
   * model package by its group, a monitoring job definition by its JobDefinitionName, anything else by its own name.
   */
  public synchronized Map<String, Integer> creates() {
    return Map.copyOf(creates);
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Optional<String> operation = SageMakerGaps.operation(exchange.getRequestHeaders().getFirst(SageMakerGaps.TARGET));
      if (operation.isEmpty()) {
        boolean invocation = INVOCATIONS.matcher(exchange.getRequestURI().getRawPath()).matches();
        relay(exchange, body, invocation ? runtime.endpoint() : moto, () -> { });
        return;
      }
      String name = operation.get();
      JsonNode request = body.length == 0 ? json.createObjectNode()
          : json.readTree(new String(body, StandardCharsets.UTF_8));
      if (name.startsWith("Create")) {
        count(name, request);
      }
      if (gaps.inspect(name, request)) {
        relay(exchange, body, gaps.endpoint(), () -> { });
      } else {
        relay(exchange, body, moto, () -> player.play(name, request));
      }
    }
  }

  private synchronized void count(String operation, JsonNode request) {
    String name = Stream.of(operation.substring("Create".length()) + "Name", "ModelPackageGroupName",
            "JobDefinitionName")
        .map(member -> request.path(member).asText(null)).filter(Objects::nonNull).findFirst().orElse("");
    creates.merge(operation + " " + name, 1, Integer::sum);
  }

  /**
   * Sends the request on to {@code target} unchanged and its answer back; {@code accepted} runs before a 200 goes
   * back.
   */
  private void relay(HttpExchange exchange, byte[] body, URI target, Runnable accepted) throws IOException {
    HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
        .timeout(Duration.ofMinutes(1))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((header, values) -> {
      if (!NOT_FORWARDED.contains(header.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> forward.header(header, value));
      }
    });
    HttpResponse<byte[]> answer;
    try {
      answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while relaying to " + target, e);
    }
    if (answer.statusCode() == 200) {
      accepted.run();
    }
    answer.headers().map().forEach((header, values) -> {
      if (!NOT_FORWARDED.contains(header.toLowerCase(Locale.ROOT)) && !header.startsWith(":")) {
        exchange.getResponseHeaders().put(header, List.copyOf(values));
      }
    });
    byte[] content = answer.body();
    boolean bodiless = "HEAD".equals(exchange.getRequestMethod()) || content.length == 0;
    exchange.sendResponseHeaders(answer.statusCode(), bodiless ? -1 : content.length);
    if (!bodiless) {
      exchange.getResponseBody().write(content);
    }
  }
}
