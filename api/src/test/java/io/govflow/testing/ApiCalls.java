package io.govflow.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Requests as the demo users send them, and a valid use case definition that tests change one field at a time. */
public final class ApiCalls {

  private ApiCalls() {}

  /** A JSON request authenticated as a demo user ({@code po1} has password {@code po1-pass}). */
  public static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, user + "-pass").contentType(ContentType.JSON)
        .accept(ContentType.JSON);
  }

  /** The credit-g loan-approval use case, high risk, with a categorical and a numeric protected facet. */
  public static Map<String, Object> creditUseCase() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "Consumer loan approval");
    body.put("businessProblem", "Decide consumer loan applications consistently and faster");
    body.put("stakeholders", new ArrayList<>(List.of("retail credit", "model risk management")));
    body.put("lineOfBusiness", "retail banking");
    body.put("intendedUse", "Recommend approve or refer; a credit officer takes the final decision");
    body.put("risk", new LinkedHashMap<>(Map.of("level", "HIGH",
        "reasons", new ArrayList<>(List.of("credit decisions about consumers", "protected attributes in data")))));
    body.put("dataSources", new ArrayList<>(List.of("Statlog German Credit Data")));
    body.put("dataset", new LinkedHashMap<>(Map.of(
        "location", "data/credit-g.csv", "label", "class", "favourableLabel", "good")));
    body.put("protectedFacets", new ArrayList<>(List.of(
        new LinkedHashMap<>(Map.of("column", "personal_status", "values", List.of("female div/dep/mar"))),
        new LinkedHashMap<>(Map.of("column", "age", "threshold", 25.0)))));
    return body;
  }

  /** Creates the credit use case as {@code owner} and returns its id. */
  public static String createUseCase(String owner) {
    return as(owner).body(creditUseCase()).post("/api/v1/use-cases").then().statusCode(201).extract().path("id");
  }

  /** A decision at {@code gate} of use case {@code id}, under Idempotency-Key {@code key} when it is not null. */
  public static ValidatableResponse decide(
      String user, String id, String gate, String outcome, String digest, String key) {
    var request = as(user).body(Map.of("gate", gate, "outcome", outcome, "comment", "reviewed against the standard",
        "evidenceDigest", digest));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/api/v1/use-cases/" + id + "/decisions").then();
  }

  /** Approves whatever gate {@code gate} opens next, as each of {@code approvers}, on the evidence it shows. */
  public static JsonPath approveAt(String id, String gate, String... approvers) {
    JsonPath open = awaitUseCase(id, s -> s.getList("openGates.gate").contains(gate));
    String digest = open.getString("openGates.find { it.gate == '" + gate + "' }.evidenceDigest");
    for (String approver : approvers) {
      decide(approver, id, gate, "APPROVE", digest, null).statusCode(200);
    }
    return open;
  }

  /** Takes the (high-risk) credit use case of {@code owner} into production with the mocked steps; its id. */
  public static String useCaseInProduction(String owner) {
    String id = createUseCase(owner);
    approveAt(id, "USE_CASE_APPROVAL", "gov1");
    approveAt(id, "GOVERNANCE_SIGN_OFF", "gov1", "gov2");
    approveAt(id, "PRODUCTION_APPROVAL", "gov2", "gov3");
    awaitUseCase(id, s -> "IN_PRODUCTION".equals(s.getString("stage")));
    return id;
  }

  /** The use case's state, read again until {@code condition} holds: workflows and visibility move on their own. */
  public static JsonPath awaitUseCase(String id, Predicate<JsonPath> condition) {
    return await(() -> as("ops1").get("/api/v1/use-cases/" + id).then().statusCode(200).extract().jsonPath(),
        condition);
  }

  public static JsonPath await(Supplier<JsonPath> read, Predicate<JsonPath> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonPath current = read.get();
    while (!condition.test(current)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 30 s; last answer: " + current.prettify());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
      current = read.get();
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> child(Map<String, Object> body, String field) {
    return (Map<String, Object>) body.get(field);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> facet(Map<String, Object> body, int index) {
    return ((List<Map<String, Object>>) body.get("protectedFacets")).get(index);
  }
}
