package io.govflow.endtoend;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A user's HTTP calls to the packaged API, and the waits on the lifecycle they drive: a use case's state read again
 * until it holds, failing early, with the worker's log, when the case stops.
 */
final class EndToEndCalls {

  private final PackagedApp api;
  private final PackagedApp worker;
  private final Duration timeout;

  EndToEndCalls(PackagedApp api, PackagedApp worker, Duration timeout) {
    this.api = api;
    this.worker = worker;
    this.timeout = timeout;
  }

  /** A request as demo user {@code user} (password {@code <user>-pass}). */
  RequestSpecification as(String user) {
    return given().baseUri(api.baseUri()).auth().preemptive().basic(user, user + "-pass");
  }

  /** A decision at {@code gate}, under a fresh Idempotency-Key; it must be accepted. */
  void decide(String id, String user, String gate, String outcome, String digest, String comment) {
    as(user).contentType(ContentType.JSON)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("gate", gate, "outcome", outcome, "comment", comment, "evidenceDigest", digest))
        .post("/api/v1/use-cases/" + id + "/decisions")
        .then().statusCode(200);
  }

  JsonPath awaitGate(String id, String gate) throws InterruptedException {
    return awaitState(id, state -> state.getList("openGates.gate").contains(gate));
  }

  /**
   * The stage, and for a gate stage its gate open: the use case mirrors its model version's stage one workflow task
   * before the version's gate opens.
   */
  JsonPath awaitStage(String id, String stage) throws InterruptedException {
    return awaitState(id, state -> stage.equals(state.getString("stage"))
        && (!stage.startsWith("AWAITING") || !state.getList("openGates").isEmpty()));
  }

  JsonPath awaitState(String id, Predicate<JsonPath> condition) throws InterruptedException {
    return await("use case " + id, "/api/v1/use-cases/" + id, condition, state ->
        assertThat(state.getString("stage")).as("use case stopped early; worker log:\n" + worker.logTail())
            .isNotIn("FAILED", "REJECTED"));
  }

  /** What {@code path} answers an operator once it satisfies {@code condition}, such as a monitoring run listed. */
  JsonPath awaitRead(String path, Predicate<JsonPath> condition) throws InterruptedException {
    return await(path, path, condition, answer -> { });
  }

  private JsonPath await(String what, String path, Predicate<JsonPath> condition, Consumer<JsonPath> stillGoing)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonPath answer = null;
    while (Instant.now().isBefore(deadline)) {
      answer = as("ops1").get(path).then().extract().jsonPath();
      if (condition.test(answer)) {
        return answer;
      }
      stillGoing.accept(answer);
      Thread.sleep(500);
    }
    throw new AssertionError(what + " did not reach the expected state; last read " + answer.prettify()
        + "\nworker log:\n" + worker.logTail());
  }
}
