package io.govflow.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * SageMaker's runtime API (InvokeEndpoint) for a model the test plays: moto answers every invocation with fixed
 * text. Each request is checked against botocore's sagemaker-runtime model (URI, headers, body), what breaks it
 * recorded in {@link #violations()}; the answer to a request body is the test's {@code model}: a text/csv answer,
 * or empty for a row the container refuses, which SageMaker reports as a ModelError (424).
 */
public final class SageMakerRuntimeStub implements AutoCloseable {

  private static final ServiceModel MODEL = BotocoreModels.load("sagemaker-runtime");

  private final HttpServer http;
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
  private volatile EndpointModel model = (endpoint, body) -> Optional.empty();

  /** One request as received: the endpoint, its content type and body. */
  public record Invocation(String endpointName, String contentType, String body) {}

  /** What the endpoints serve: the answer to a body sent to an endpoint, or empty where the container refuses it. */
  @FunctionalInterface
  public interface EndpointModel {
    Optional<String> answer(String endpointName, String body);
  }

  private SageMakerRuntimeStub(HttpServer http) {
    this.http = http;
  }

  public static SageMakerRuntimeStub start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SageMakerRuntimeStub stub = new SageMakerRuntimeStub(http);
      http.createContext("/", stub::handle);
      http.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the SageMaker runtime stub on the loopback interface", e);
    }
  }

  /** A runtime client on the stub, with the emulator's static test credentials. */
  public SageMakerRuntimeClient client() {
    return SageMakerRuntimeClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  public URI endpoint() {
    return URI.create("http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort());
  }

  /** Serves {@code model} on every endpoint from now on and forgets what was sent before. */
  public void serve(Function<String, Optional<String>> model) {
    serve((endpoint, body) -> model.apply(body));
  }

  /** Serves {@code model} from now on and forgets what was sent before. */
  public void serve(EndpointModel model) {
    this.model = model;
    invocations.clear();
    violations.clear();
  }

  public List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Optional<ServiceModel.Match> match =
        MODEL.match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
    if (match.isEmpty() || !match.get().operation().equals("InvokeEndpoint")) {
      violations.add("not InvokeEndpoint: " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
      respond(exchange, 404, "application/json", new byte[0], null);
      return;
    }
    // The payload member travels as the raw body; the model checks it as the blob it is.
    ObjectNode members = json.createObjectNode().put("Body", Base64.getEncoder().encodeToString(body));
    MODEL.checkInput("InvokeEndpoint", match.get().labels(), Map.of(), exchange.getRequestHeaders(), members)
        .forEach(violation -> violations.add("InvokeEndpoint: " + violation));
    String text = new String(body, StandardCharsets.UTF_8);
    String endpoint = match.get().labels().get("EndpointName");
    invocations.add(new Invocation(endpoint, exchange.getRequestHeaders().getFirst("Content-Type"), text));
    Optional<String> answer = model.answer(endpoint, text);
    if (answer.isPresent()) {
      respond(exchange, 200, "text/csv", answer.get().getBytes(StandardCharsets.UTF_8), null);
    } else {
      byte[] error = json.writeValueAsBytes(json.createObjectNode()
          .put("message", "Received client error (400) from primary with message \"unable to evaluate payload\"")
          .put("OriginalStatusCode", 400).put("OriginalMessage", "unable to evaluate payload"));
      respond(exchange, MODEL.errorStatus("ModelError"), "application/json", error, "ModelError");
    }
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body, String error)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (error != null) {
      exchange.getResponseHeaders().set("X-Amzn-ErrorType", error);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }
}
