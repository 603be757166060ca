package io.govflow.deployment.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.training.local.ScoredRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The local model endpoints of a worker, on one embedded HTTP server: {@code POST /endpoints/<name>/invocations}
 * answers like SageMaker's InvokeEndpoint (formats in {@link Invocations}) and captures the exchange
 * ({@link DataCapture}); {@code GET /endpoints/<name>} describes what the endpoint serves.
 *
 * <p>The JDK's {@code com.sun.net.httpserver} rather than Vert.x: Vert.x core is not on this module's classpath (it
 * comes only with Quarkus's HTTP extensions, which the worker lacks), so it would be a new dependency of every process
 * using the activities; and scoring a row and appending its capture line are short blocking calls that a fixed pool
 * of handler threads runs as they are, with no event loop to keep free.
 *
 * <p>Each endpoint holds its model in an {@link AtomicReference}: a deployment swaps it while requests run, each
 * request reads it once and is answered whole by the version it read, so none is dropped or mixed.
 */
public final class EndpointServer implements AutoCloseable {

  /** The largest body accepted, SageMaker InvokeEndpoint's limit for real-time endpoints. */
  static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

  /** The id of the request's capture record, for posting ground truth against it. */
  public static final String EVENT_ID_HEADER = "X-Govflow-Event-Id";
  /** The model version that answered. */
  public static final String MODEL_VERSION_HEADER = "X-Govflow-Model-Version";
  /** A caller's own id for the request, kept in the capture record as SageMaker keeps it. */
  public static final String INFERENCE_ID_HEADER = "X-Amzn-SageMaker-Inference-Id";

  private static final Logger LOG = Logger.getLogger(EndpointServer.class);
  private static final String NAME = "[a-zA-Z0-9-]{1,63}";
  private static final Pattern PATH = Pattern.compile("/endpoints/(" + NAME + ")(/invocations)?/?");
  /** Enough to keep two cores busy while some threads wait on a capture append or a slow client. */
  private static final int HANDLER_THREADS = 8;
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private final HttpServer http;
  private final ExecutorService handlers;
  private final LocalArtifactStore store;
  private final Clock clock;
  private final Map<String, ServingEndpoint> endpoints = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  private EndpointServer(HttpServer http, ExecutorService handlers, LocalArtifactStore store, Clock clock) {
    this.http = http;
    this.handlers = handlers;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Starts serving on {@code address} (port 0 picks a free one) with no endpoint deployed; capture files go to
   * {@code store}, stamped by {@code clock}.
   */
  public static EndpointServer start(InetSocketAddress address, LocalArtifactStore store, Clock clock) {
    // The JDK server writes a response's headers and body as two packets; under Nagle's algorithm the body then
    // waits for the client's delayed ACK of the headers, 40 ms on Linux, on every keep-alive request (measured: p50
    // 44 ms without, under 1 ms with). The JVM reads the property when its first HttpServer starts; nothing else in
    // a govflow process serves HTTP with this server.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    HttpServer http;
    try {
      http = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + " for model endpoints", e);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, task -> {
      Thread thread = new Thread(task, "gf-endpoint-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    EndpointServer server = new EndpointServer(http, handlers, store, clock);
    http.createContext("/", server::handle);
    http.setExecutor(handlers);
    http.start();
    return server;
  }

  Clock clock() {
    return clock;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** Where the endpoint is invoked; a server listening on every interface is reached through localhost. */
  public String invocationsUrl(String endpointName) {
    InetSocketAddress address = http.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getAddress().getHostAddress();
    try {
      return new URI("http", null, host, address.getPort(), "/endpoints/" + endpointName + "/invocations", null, null)
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("endpoint name " + endpointName + " does not fit in a URL", e);
    }
  }

  /** Serves {@code model} under the name: a new endpoint, or a swap that requests already running finish on. */
  public void serve(String endpointName, ServedModel model) {
    if (!endpointName.matches(NAME)) {
      throw new IllegalArgumentException("endpoint name '" + endpointName + "' is not 1-63 of [a-zA-Z0-9-]");
    }
    endpoints.compute(endpointName, (name, current) -> {
      if (current == null) {
        return new ServingEndpoint(model, new DataCapture(store, name));
      }
      current.model.set(model);
      return current;
    });
  }

  public Optional<ServedModel> served(String endpointName) {
    return Optional.ofNullable(endpoints.get(endpointName)).map(endpoint -> endpoint.model.get());
  }

  /** Stops serving the endpoint; requests already running finish. False if it was not served. */
  public boolean stopServing(String endpointName) {
    return endpoints.remove(endpointName) != null;
  }

  /**
   * Stops once the requests being answered are answered, or after a grace period. The JDK 17 server's own
   * {@code stop(delay)} always waits the whole delay, so the wait for running requests is done here.
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    try {
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.stop(0);
    handlers.shutdown();
  }

  private void handle(HttpExchange exchange) {
    inFlight.incrementAndGet();
    try {
      answer(exchange);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void answer(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    Response response;
    try {
      response = route(exchange, path);
    } catch (InvocationException e) {
      response = Response.problem(e.problem(), e.getMessage(), path);
    } catch (RuntimeException e) {
      LOG.errorf(e, "%s %s failed", exchange.getRequestMethod(), path);
      response = Response.problem(InvocationProblem.MODEL_ERROR,
          "the endpoint failed to answer; the worker's log has the cause", path);
    }
    try {
      response.send(exchange);
    } catch (IOException e) {
      LOG.debugf(e, "client of %s went away before the answer", path);
    } finally {
      exchange.close();
    }
  }

  private Response route(HttpExchange exchange, String path) {
    Matcher matcher = PATH.matcher(path);
    if (!matcher.matches()) {
      throw new InvocationException(InvocationProblem.UNKNOWN_ENDPOINT,
          "no such resource: invoke an endpoint with POST /endpoints/<name>/invocations");
    }
    String name = matcher.group(1);
    ServingEndpoint endpoint = endpoints.get(name);
    if (endpoint == null) {
      throw new InvocationException(InvocationProblem.UNKNOWN_ENDPOINT,
          "no endpoint named '" + name + "' is deployed here: deploy a model version to it first");
    }
    boolean invocations = matcher.group(2) != null;
    String method = invocations ? "POST" : "GET";
    if (!method.equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", method);
      throw new InvocationException(InvocationProblem.METHOD_NOT_ALLOWED,
          exchange.getRequestMethod() + " is not allowed on " + path + ": use " + method);
    }
    return invocations ? invoke(exchange, endpoint) : describe(name, endpoint.model.get());
  }

  private Response invoke(HttpExchange exchange, ServingEndpoint endpoint) {
    Instant arrived = clock.instant();
    // One read of the model: a swap while this request runs does not change who answers it.
    ServedModel served = endpoint.model.get();
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String mediaType = Invocations.mediaType(contentType);
    String input = readBody(exchange);
    List<ScoredRow> scored = Invocations.rows(mediaType, input, served).stream()
        .map(row -> served.model().predict(row)).toList();
    String output = Invocations.predictions(scored);
    CaptureRecord record = new CaptureRecord(UUID.randomUUID().toString(),
        exchange.getRequestHeaders().getFirst(INFERENCE_ID_HEADER), arrived,
        new CaptureRecord.Payload(contentType, input,
            Invocations.CSV.equals(mediaType) ? CaptureRecord.Payload.CSV : CaptureRecord.Payload.JSON),
        new CaptureRecord.Payload(Invocations.JSON, output, CaptureRecord.Payload.JSON));
    try {
      endpoint.capture.append(record);
    } catch (UncheckedIOException e) {
      // As on SageMaker, a capture that cannot be written does not fail the prediction the caller waits for.
      LOG.errorf(e, "invocation %s was answered but not captured", record.eventId());
    }
    return new Response(200, Invocations.JSON, output,
        Map.of(EVENT_ID_HEADER, record.eventId(), MODEL_VERSION_HEADER, served.modelVersionId()));
  }

  private static Response describe(String name, ServedModel served) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("endpointName", name);
    body.put("modelVersionId", served.modelVersionId());
    body.put("label", served.label());
    served.featureColumns().forEach(body.putArray("featureColumns")::add);
    return new Response(200, Invocations.JSON, Invocations.write(body), Map.of());
  }

  private static String readBody(HttpExchange exchange) {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
      if (body.length > MAX_PAYLOAD_BYTES) {
        // Read to the end before refusing: a connection closed on unread bytes is reset, and the reset destroys
        // the refusal before the client reads it.
        in.transferTo(OutputStream.nullOutputStream());
        throw new InvocationException(InvocationProblem.PAYLOAD_TOO_LARGE,
            "the body is larger than " + MAX_PAYLOAD_BYTES + " bytes: send the rows in several requests");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new InvocationException(InvocationProblem.MALFORMED_INPUT, "the body is not UTF-8 text");
    }
  }

  private static final class ServingEndpoint {
    final AtomicReference<ServedModel> model;
    final DataCapture capture;

    ServingEndpoint(ServedModel model, DataCapture capture) {
      this.model = new AtomicReference<>(model);
      this.capture = capture;
    }
  }

  private record Response(int status, String contentType, String body, Map<String, String> headers) {

    static Response problem(InvocationProblem problem, String detail, String instance) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("type", problem.type());
      body.put("title", problem.title());
      body.put("status", problem.status());
      body.put("detail", detail);
      body.put("instance", instance);
      return new Response(problem.status(), "application/problem+json", Invocations.write(body), Map.of());
    }

    void send(HttpExchange exchange) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      headers.forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
