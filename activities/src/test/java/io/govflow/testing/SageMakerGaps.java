package io.govflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * The SageMaker operations moto 5.2.5 lacks, answered beside it and checked against botocore's SageMaker model.
 *
 * <p>{@link #inspect} checks the body of every request a client sends (to moto or here) against the operation's
 * input shape (required members, types, enums, lengths, ranges, patterns, unknown members), recording what breaks it
 * in {@link #violations()}; the operations listed in {@link #OPERATIONS} are then sent here instead of to moto.
 * Two ways in: {@link #interceptor()} on a SageMaker client a test builds, or {@link AwsFrontDoor} in front of moto
 * for a process that builds its own clients. Answers from here are checked against the output shapes too.
 *
 * <p>UpdateEndpoint is played on moto, which keeps endpoints: the endpoint is recreated with the new configuration,
 * as SageMaker's blue/green update leaves it. Monitoring schedules live here, their job definitions (which moto
 * keeps) looked up in moto, each Pending until it is first described, and refusing changes until then, as
 * SageMaker does; executions are the fixtures a test adds, each with the statuses successive
 * ListMonitoringExecutions calls report, and the processing jobs they name are the test's, in moto. Model package
 * groups' resource policies are kept here for the groups moto keeps; a group without one answers as SageMaker does.
 */
public final class SageMakerGaps implements AutoCloseable {

  public static final Set<String> OPERATIONS = Set.of("UpdateEndpoint", "CreateMonitoringSchedule",
      "DescribeMonitoringSchedule", "UpdateMonitoringSchedule", "DeleteMonitoringSchedule", "ListMonitoringSchedules",
      "ListMonitoringExecutions", "GetModelPackageGroupPolicy", "PutModelPackageGroupPolicy");

  /** The header naming a JSON-protocol request's operation, as {@code SageMaker.<Operation>}. */
  public static final String TARGET = "X-Amz-Target";
  private static final String PREFIX = "SageMaker.";
  private static final String ACCOUNT = "123456789012";
  private static final ServiceModel MODEL = BotocoreModels.load("sagemaker");

  private final HttpServer http;
  private final SageMakerClient moto;
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final Map<String, ObjectNode> schedules = new LinkedHashMap<>();
  private final List<Execution> executions = new ArrayList<>();
  private final Map<String, String> groupPolicies = new LinkedHashMap<>();

  /** A monitoring execution of a schedule; each listing reports the next of its statuses, the last one stays. */
  private record Execution(ObjectNode summary, Deque<String> statuses) {}

  private SageMakerGaps(HttpServer http, SageMakerClient moto) {
    this.http = http;
    this.moto = moto;
  }

  /** Serves on a free loopback port; {@code moto} is a client of the emulator without this interceptor. */
  public static SageMakerGaps start(SageMakerClient moto) {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SageMakerGaps gaps = new SageMakerGaps(http, moto);
      http.createContext("/", gaps::handle);
      http.start();
      return gaps;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the SageMaker stub on the loopback interface", e);
    }
  }

  public ExecutionInterceptor interceptor() {
    return new ExecutionInterceptor() {
      @Override
      public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        Optional<String> operation = operation(request.firstMatchingHeader(TARGET).orElse(null));
        if (operation.isEmpty()) {
          return request;
        }
        JsonNode body = context.requestBody().map(b -> read(b.contentStreamProvider().newStream()))
            .orElse(json.createObjectNode());
        if (!inspect(operation.get(), body)) {
          return request;
        }
        return request.toBuilder().protocol("http").host(http.getAddress().getHostString())
            .port(http.getAddress().getPort()).build();
      }
    };
  }

  /** The SageMaker operation an {@code X-Amz-Target} header names, or empty for another service's request. */
  public static Optional<String> operation(String target) {
    return Optional.ofNullable(target).filter(t -> t.startsWith(PREFIX)).map(t -> t.substring(PREFIX.length()));
  }

  /**
   * Records a SageMaker request and checks its body against the operation's input shape; true when the operation is
   * one of {@link #OPERATIONS}, which only {@link #endpoint()} answers.
   */
  public boolean inspect(String operation, JsonNode body) {
    record(operation, body);
    MODEL.checkInput(operation, Map.of(), Map.of(), Map.of(), body)
        .forEach(violation -> violations.add(operation + ": " + violation));
    return OPERATIONS.contains(operation);
  }

  /** Where the operations moto lacks are answered. */
  public URI endpoint() {
    return URI.create("http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort());
  }

  /** Every way a request broke its operation's input shape, or an answer from here its output shape. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  private synchronized void record(String operation, JsonNode body) {
    sent.add(operation);
    bodies.add(body);
  }

  /** The bodies of the requests of {@code operation} sent so far, in order, as they went over the wire. */
  public synchronized List<JsonNode> requests(String operation) {
    List<JsonNode> matching = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i).equals(operation)) {
        matching.add(bodies.get(i));
      }
    }
    return matching;
  }

  /** The SageMaker operations sent so far, in order. */
  public List<String> sent() {
    return List.copyOf(sent);
  }

  /** Forgets schedules, executions and requests, as moto's reset forgets the rest. */
  public synchronized void reset() {
    schedules.clear();
    executions.clear();
    groupPolicies.clear();
    forgetRequests();
  }

  /** Forgets the requests sent so far (and their violations), so that a test can look at a retry's alone. */
  public synchronized void forgetRequests() {
    violations.clear();
    sent.clear();
    bodies.clear();
  }

  public synchronized Optional<JsonNode> schedule(String name) {
    return Optional.ofNullable(schedules.get(name)).map(JsonNode::deepCopy);
  }

  public synchronized int scheduleCount() {
    return schedules.size();
  }

  /** Adds an execution of {@code schedule}'s current job definition. */
  public synchronized void addExecution(String schedule, Instant scheduledTime, String processingJobArn,
      String failureReason, String... statuses) {
    ObjectNode scheduled = schedules.get(schedule);
    if (scheduled == null) {
      throw new IllegalStateException("no monitoring schedule " + schedule + " to add an execution to");
    }
    JsonNode config = scheduled.get("MonitoringScheduleConfig");
    ObjectNode summary = json.createObjectNode()
        .put("MonitoringScheduleName", schedule)
        .put("ScheduledTime", scheduledTime.getEpochSecond())
        .put("CreationTime", scheduledTime.getEpochSecond())
        .put("LastModifiedTime", scheduledTime.getEpochSecond())
        .put("EndpointName", scheduled.get("EndpointName").asText())
        .put("MonitoringJobDefinitionName", config.get("MonitoringJobDefinitionName").asText())
        .put("MonitoringType", config.get("MonitoringType").asText());
    if (processingJobArn != null) {
      summary.put("ProcessingJobArn", processingJobArn);
    }
    if (failureReason != null) {
      summary.put("FailureReason", failureReason);
    }
    executions.add(new Execution(summary, new ArrayDeque<>(List.of(statuses))));
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String operation = operation(exchange.getRequestHeaders().getFirst(TARGET)).orElseThrow();
    JsonNode input = read(exchange.getRequestBody());
    Answer answer;
    synchronized (this) {
      answer = answer(operation, input);
    }
    if (answer.error() == null) {
      MODEL.checkOutput(operation, answer.body()).forEach(v -> violations.add(operation + " answer: " + v));
    } else if (!MODEL.declaresError(operation, answer.error()) && !"ValidationException".equals(answer.error())) {
      violations.add(operation + " cannot answer " + answer.error());
    }
    byte[] body = json.writeValueAsBytes(answer.error() == null ? answer.body()
        : json.createObjectNode().put("__type", answer.error()).put("message", answer.message()));
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(answer.error() == null ? 200 : 400, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private record Answer(JsonNode body, String error, String message) {

    static Answer ok(JsonNode body) {
      return new Answer(body, null, null);
    }

    static Answer error(String error, String message) {
      return new Answer(null, error, message);
    }
  }

  private Answer answer(String operation, JsonNode input) {
    return switch (operation) {
      case "UpdateEndpoint" -> updateEndpoint(input);
      case "CreateMonitoringSchedule" -> createSchedule(input);
      case "DescribeMonitoringSchedule" -> withSchedule(input, schedule -> {
        ObjectNode answer = schedule.deepCopy();
        // Pending is seen once: SageMaker sets a new schedule up within moments.
        schedule.put("MonitoringScheduleStatus", "Scheduled");
        return Answer.ok(answer);
      });
      case "UpdateMonitoringSchedule" -> withSettledSchedule(input, schedule -> {
        Optional<String> endpoint = endpointOf(input.get("MonitoringScheduleConfig"));
        if (endpoint.isEmpty()) {
          return noJobDefinition(input);
        }
        schedule.set("MonitoringScheduleConfig", input.get("MonitoringScheduleConfig"));
        schedule.put("EndpointName", endpoint.get()).put("LastModifiedTime", Instant.now().getEpochSecond());
        return Answer.ok(json.createObjectNode().put("MonitoringScheduleArn", schedule.get("MonitoringScheduleArn")
            .asText()));
      });
      case "DeleteMonitoringSchedule" -> withSettledSchedule(input, schedule -> {
        schedules.remove(schedule.get("MonitoringScheduleName").asText());
        return Answer.ok(json.createObjectNode());
      });
      case "ListMonitoringSchedules" -> listSchedules(input);
      case "ListMonitoringExecutions" -> listExecutions(input);
      case "GetModelPackageGroupPolicy", "PutModelPackageGroupPolicy" -> groupPolicy(operation, input);
      default -> Answer.error("ValidationException", operation + " is not played by the stub");
    };
  }

  private Answer updateEndpoint(JsonNode input) {
    String endpoint = input.get("EndpointName").asText();
    String config = input.get("EndpointConfigName").asText();
    DescribeEndpointResponse current;
    try {
      current = moto.describeEndpoint(b -> b.endpointName(endpoint));
      moto.describeEndpointConfig(b -> b.endpointConfigName(config));
    } catch (SageMakerException e) {
      return Answer.error("ValidationException", e.awsErrorDetails().errorMessage());
    }
    moto.deleteEndpoint(b -> b.endpointName(endpoint));
    moto.createEndpoint(b -> b.endpointName(endpoint).endpointConfigName(config));
    return Answer.ok(json.createObjectNode().put("EndpointArn", current.endpointArn()));
  }

  private Answer createSchedule(JsonNode input) {
    String name = input.get("MonitoringScheduleName").asText();
    if (schedules.containsKey(name)) {
      return Answer.error("ResourceInUse", "Monitoring schedule " + name + " already exists");
    }
    Optional<String> endpoint = endpointOf(input.get("MonitoringScheduleConfig"));
    if (endpoint.isEmpty()) {
      return noJobDefinition(input);
    }
    long now = Instant.now().getEpochSecond();
    String arn = "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":monitoring-schedule/" + name;
    ObjectNode schedule = json.createObjectNode()
        .put("MonitoringScheduleArn", arn)
        .put("MonitoringScheduleName", name)
        .put("MonitoringScheduleStatus", "Pending")
        .put("MonitoringType", input.get("MonitoringScheduleConfig").get("MonitoringType").asText())
        .put("CreationTime", now)
        .put("LastModifiedTime", now)
        .put("EndpointName", endpoint.get());
    schedule.set("MonitoringScheduleConfig", input.get("MonitoringScheduleConfig"));
    schedules.put(name, schedule);
    return Answer.ok(json.createObjectNode().put("MonitoringScheduleArn", arn));
  }

  private static Answer noJobDefinition(JsonNode input) {
    return Answer.error("ValidationException", "Could not find job definition "
        + input.path("MonitoringScheduleConfig").path("MonitoringJobDefinitionName").asText());
  }

  /** The endpoint the configuration's job definition (kept by moto) monitors, or empty if there is none. */
  private Optional<String> endpointOf(JsonNode config) {
    String definition = config.path("MonitoringJobDefinitionName").asText();
    try {
      return Optional.of(switch (config.path("MonitoringType").asText()) {
        case "DataQuality" -> moto.describeDataQualityJobDefinition(b -> b.jobDefinitionName(definition))
            .dataQualityJobInput().endpointInput().endpointName();
        case "ModelQuality" -> moto.describeModelQualityJobDefinition(b -> b.jobDefinitionName(definition))
            .modelQualityJobInput().endpointInput().endpointName();
        default -> throw new IllegalArgumentException("the stub plays data and model quality schedules only");
      });
    } catch (SageMakerException e) {
      return Optional.empty();
    }
  }

  private Answer withSchedule(JsonNode input, Function<ObjectNode, Answer> then) {
    String name = input.get("MonitoringScheduleName").asText();
    ObjectNode schedule = schedules.get(name);
    return schedule == null
        ? Answer.error("ResourceNotFound", "Monitoring schedule " + name + " does not exist")
        : then.apply(schedule);
  }

  /** SageMaker refuses to change or delete a schedule it is still setting up. */
  private Answer withSettledSchedule(JsonNode input, Function<ObjectNode, Answer> then) {
    return withSchedule(input, schedule -> "Pending".equals(schedule.get("MonitoringScheduleStatus").asText())
        ? Answer.error("ValidationException", "Monitoring schedule in status Pending")
        : then.apply(schedule));
  }

  private Answer listSchedules(JsonNode input) {
    ArrayNode summaries = json.createArrayNode();
    for (ObjectNode schedule : schedules.values()) {
      if (input.has("EndpointName") && !input.get("EndpointName").asText().equals(schedule.get("EndpointName")
          .asText())) {
        continue;
      }
      summaries.addObject()
          .put("MonitoringScheduleName", schedule.get("MonitoringScheduleName").asText())
          .put("MonitoringScheduleArn", schedule.get("MonitoringScheduleArn").asText())
          .put("CreationTime", schedule.get("CreationTime").asLong())
          .put("LastModifiedTime", schedule.get("LastModifiedTime").asLong())
          .put("MonitoringScheduleStatus", schedule.get("MonitoringScheduleStatus").asText())
          .put("EndpointName", schedule.get("EndpointName").asText())
          .put("MonitoringJobDefinitionName",
              schedule.get("MonitoringScheduleConfig").get("MonitoringJobDefinitionName").asText())
          .put("MonitoringType", schedule.get("MonitoringType").asText());
    }
    ObjectNode answer = json.createObjectNode();
    answer.set("MonitoringScheduleSummaries", summaries);
    return Answer.ok(answer);
  }

  /**
   * The schedule's executions of the job definition asked for, scheduled in [ScheduledTimeAfter,
   * ScheduledTimeBefore), in scheduled order.
   */
  private Answer listExecutions(JsonNode input) {
    String schedule = input.path("MonitoringScheduleName").asText(null);
    String definition = input.path("MonitoringJobDefinitionName").asText(null);
    double after = input.path("ScheduledTimeAfter").asDouble(Double.NEGATIVE_INFINITY);
    double before = input.path("ScheduledTimeBefore").asDouble(Double.POSITIVE_INFINITY);
    ArrayNode summaries = json.createArrayNode();
    executions.stream()
        .filter(e -> schedule == null || schedule.equals(e.summary().get("MonitoringScheduleName").asText()))
        .filter(e -> definition == null
            || definition.equals(e.summary().get("MonitoringJobDefinitionName").asText()))
        .filter(e -> e.summary().get("ScheduledTime").asDouble() >= after
            && e.summary().get("ScheduledTime").asDouble() < before)
        .sorted(Comparator.comparingLong(e -> e.summary().get("ScheduledTime").asLong()))
        .forEach(e -> {
          String status = e.statuses().size() > 1 ? e.statuses().poll() : e.statuses().peek();
          summaries.add(e.summary().deepCopy().put("MonitoringExecutionStatus", status));
        });
    ObjectNode answer = json.createObjectNode();
    answer.set("MonitoringExecutionSummaries", summaries);
    return Answer.ok(answer);
  }

  /** The policy of a group moto keeps; SageMaker tells a missing policy only by its message. */
  private Answer groupPolicy(String operation, JsonNode input) {
    String group = input.get("ModelPackageGroupName").asText();
    String arn;
    try {
      arn = moto.describeModelPackageGroup(b -> b.modelPackageGroupName(group)).modelPackageGroupArn();
    } catch (SageMakerException e) {
      return Answer.error("ValidationException", "Cannot find Model Package Group: " + group);
    }
    if (operation.equals("PutModelPackageGroupPolicy")) {
      String policy = input.get("ResourcePolicy").asText();
      if (!read(new ByteArrayInputStream(policy.getBytes(StandardCharsets.UTF_8))).has("Statement")) {
        return Answer.error("ValidationException", "The resource policy of " + arn + " has no Statement");
      }
      groupPolicies.put(group, policy);
      return Answer.ok(json.createObjectNode().put("ModelPackageGroupArn", arn));
    }
    String policy = groupPolicies.get(group);
    return policy == null
        ? Answer.error("ValidationException", "Cannot find resource policy for: " + arn)
        : Answer.ok(json.createObjectNode().put("ResourcePolicy", policy));
  }

  private JsonNode read(InputStream in) {
    try (in) {
      byte[] bytes = in.readAllBytes();
      return bytes.length == 0 ? json.createObjectNode() : json.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a SageMaker request body", e);
    }
  }
}
