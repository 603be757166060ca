package io.govflow.usecase;

import static io.govflow.testing.ApiCalls.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.govflow.common.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the API refuses before it asks the use-case workflow to retire: wrong role, no credentials, bad bodies. */
@QuarkusTest
class RetirementValidationTest {

  private static final String PATH = "/api/v1/use-cases/uc-abcd1234/retirement";

  @Test
  void onlyGovernanceRetires() {
    as("po1").body(Map.of("comment", "no longer needed")).post(PATH)
        .then().statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", equalTo("po1 has role(s) product-owner; this needs one of governance"));
    as("ops1").body(Map.of("comment", "no longer needed")).post(PATH).then().statusCode(403);
    as("audit1").body(Map.of("comment", "no longer needed")).post(PATH).then().statusCode(403);
  }

  @Test
  void retirementNeedsCredentials() {
    given().contentType(ContentType.JSON).body(Map.of("comment", "no longer needed")).post(PATH)
        .then().statusCode(401)
        .body("type", equalTo("urn:govflow:problem:unauthenticated"));
  }

  @Test
  void retirementSaysWhy() {
    as("gov1").body(Map.of("comment", " ")).post(PATH)
        .then().statusCode(422)
        .body("errors.field", contains("comment"))
        .body("errors[0].message", equalTo("must say why the use case is retired"));
    as("gov1").post(PATH)
        .then().statusCode(422)
        .body("errors.field", contains("request"));
  }

  @Test
  void unreadableBodyIsBadRequest() {
    as("gov1").body("{\"comment\"").post(PATH)
        .then().statusCode(400)
        .body("type", equalTo("urn:govflow:problem:unreadable-body"));
  }
}
