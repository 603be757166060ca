package io.govflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An HTTP server that stands for an AWS service with no emulator, answering only what its published API model
 * allows. Each request must be an operation of the model with its input shape's members, types and constraints, or
 * it is refused with a {@code ValidationException} and recorded as a violation; each answer, whether from a scenario
 * or the model's smallest valid output, must fit the output shape, and an error must be one the operation declares.
 * Tests assert {@link #violations()} is empty: every request the client sent is then proven against the model.
 */
public final class ServiceModelStub implements AutoCloseable {

  /** A request the model accepted: its operation and input members (labels, query, body) by wire name. */
  public record Call(String operation, ObjectNode input) {

    public String text(String member) {
      return input.path(member).asText(null);
    }
  }

  /** A scenario's answer: a body for the operation's output shape, or one of the operation's errors. */
  public record Reply(JsonNode body, String error, String message) {

    public static Reply ok(JsonNode body) {
      return new Reply(body, null, null);
    }

    public static Reply error(String errorShape, String message) {
      return new Reply(null, errorShape, message);
    }
  }

  private final ServiceModel model;
  private final HttpServer http;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Function<Call, Reply>> scenarios = new ConcurrentHashMap<>();
  private final Map<String, Deque<Reply>> nextReplies = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();

  private ServiceModelStub(ServiceModel model, HttpServer http) {
    this.model = model;
    this.http = http;
  }

  /** Serves {@code model} on a free loopback port. */
  public static ServiceModelStub start(ServiceModel model) {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ServiceModelStub stub = new ServiceModelStub(model, http);
      http.createContext("/", stub::handle);
      http.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a stub HTTP server on the loopback interface", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  public ServiceModel model() {
    return model;
  }

  /** Answers every call of {@code operation} with {@code scenario} instead of the model's smallest output. */
  public void on(String operation, Function<Call, Reply> scenario) {
    model.responseCode(operation);
    scenarios.put(operation, scenario);
  }

  /** Answers the next call of {@code operation} with {@code reply}, before any scenario. */
  public void answerNext(String operation, Reply reply) {
    model.responseCode(operation);
    nextReplies.computeIfAbsent(operation, op -> new ConcurrentLinkedDeque<>()).add(reply);
  }

  /** The calls the model accepted, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).toList();
  }

  /** Every way a request or answer broke the model, each naming the operation and member. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** Forgets calls, violations and pending one-off replies; scenarios stay. */
  public void reset() {
    calls.clear();
    violations.clear();
    nextReplies.clear();
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      ServiceModel.Match match = model.match(method, path).orElse(null);
      if (match == null) {
        refuse(exchange, 404, "UnknownOperationException", "no operation of the model is " + method + " " + path);
        return;
      }
      String operation = match.operation();
      byte[] bytes = exchange.getRequestBody().readAllBytes();
      JsonNode body;
      try {
        body = bytes.length == 0 ? null : json.readTree(bytes);
      } catch (IOException e) {
        refuse(exchange, 400, "ValidationException", operation + ": the body is not JSON: " + e.getMessage());
        return;
      }
      Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
      List<String> problems = model.checkInput(operation, match.labels(), query, exchange.getRequestHeaders(), body);
      if (!problems.isEmpty()) {
        refuse(exchange, 400, "ValidationException", operation + ": " + String.join("; ", problems));
        return;
      }
      Call call = new Call(operation, input(match.labels(), query, body));
      calls.add(call);
      answer(exchange, call);
    }
  }

  private void answer(HttpExchange exchange, Call call) throws IOException {
    String operation = call.operation();
    Reply reply;
    try {
      Deque<Reply> next = nextReplies.get(operation);
      Reply queued = next == null ? null : next.poll();
      Function<Call, Reply> scenario = scenarios.get(operation);
      reply = queued != null ? queued
          : scenario != null ? scenario.apply(call) : Reply.ok(model.minimalOutput(operation));
    } catch (RuntimeException e) {
      refuse(exchange, 500, "InternalServerException", operation + ": the stub's scenario failed: " + e);
      return;
    }
    if (reply.error() != null) {
      if (!model.declaresError(operation, reply.error())) {
        refuse(exchange, 500, "InternalServerException", operation + " cannot answer " + reply.error()
            + ": the model does not declare it");
        return;
      }
      send(exchange, model.errorStatus(reply.error()), reply.error(), error(reply.error(), reply.message()));
      return;
    }
    List<String> problems = model.checkOutput(operation, reply.body());
    if (!problems.isEmpty()) {
      refuse(exchange, 500, "InternalServerException", operation + " answer: " + String.join("; ", problems));
      return;
    }
    send(exchange, model.responseCode(operation), null, reply.body());
  }

  private void refuse(HttpExchange exchange, int status, String error, String message) throws IOException {
    violations.add(message);
    send(exchange, status, error, error(error, message));
  }

  private ObjectNode error(String type, String message) {
    ObjectNode body = json.createObjectNode();
    body.put("__type", type);
    body.put("message", message);
    return body;
  }

  private void send(HttpExchange exchange, int status, String errorType, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "stub-" + calls.size());
    if (errorType != null) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private ObjectNode input(Map<String, String> labels, Map<String, List<String>> query, JsonNode body) {
    ObjectNode input = json.createObjectNode();
    if (body != null && body.isObject()) {
      input.setAll((ObjectNode) body);
    }
    query.forEach((name, values) -> input.put(name, values.get(0)));
    labels.forEach(input::put);
    return input;
  }

  private static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> query = new TreeMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }
}
