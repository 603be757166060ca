package io.govflow.common;

import static io.govflow.testing.ApiCalls.as;
import static io.govflow.testing.ApiCalls.creditUseCase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityTest {

  @Test
  void requestWithoutCredentialsIsChallengedWithProblem() {
    given().accept(ContentType.JSON).get("/api/v1/use-cases")
        .then().statusCode(401)
        .contentType(Problem.MEDIA_TYPE)
        .header("WWW-Authenticate", startsWith("Basic realm=\"govflow\""))
        .body("type", equalTo("urn:govflow:problem:unauthenticated"))
        .body("status", equalTo(401))
        .body("instance", equalTo("/api/v1/use-cases"))
        .body("detail", containsString("HTTP Basic"));
  }

  @Test
  void wrongPasswordIsUnauthenticated() {
    given().auth().preemptive().basic("po1", "gov1-pass").accept(ContentType.JSON).get("/api/v1/gates")
        .then().statusCode(401)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:unauthenticated"));
  }

  @Test
  void unknownUserIsUnauthenticated() {
    given().auth().preemptive().basic("mallory", "mallory-pass").get("/api/v1/gates")
        .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void governanceCannotDefineUseCase() {
    as("gov1").body(creditUseCase()).post("/api/v1/use-cases")
        .then().statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:wrong-role"))
        .body("title", equalTo("Wrong role"))
        .body("detail", equalTo("gov1 has role(s) governance; this needs one of product-owner"))
        .body("allowedValues", hasItems("product-owner"))
        .body("instance", equalTo("/api/v1/use-cases"));
  }

  @Test
  void productOwnerCannotReadGovernanceInbox() {
    as("po1").get("/api/v1/gates")
        .then().statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", equalTo("po1 has role(s) product-owner; this needs one of governance, operator, auditor"));
  }

  @Test
  void healthAndOpenApiNeedNoCredentials() {
    given().get("/q/health/live").then().statusCode(200);
    given().accept("application/json").get("/q/openapi")
        .then().statusCode(200)
        .body("components.securitySchemes.basic.scheme", equalTo("basic"))
        .body("tags.name", hasItems("Use cases", "Gates", "Model versions"))
        .body("paths.'/api/v1/use-cases'.post.security[0]", not(equalTo(null)));
    given().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void unreachableTemporalIsServiceUnavailable() {
    as("ops1").get("/api/v1/use-cases/uc-abcd1234")
        .then().statusCode(503)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:temporal-unavailable"))
        .body("detail", containsString("retry shortly"));
    given().get("/q/health/ready")
        .then().statusCode(503)
        .body("checks.find { it.name == 'temporal' }.status", equalTo("DOWN"));
  }

  @Test
  void unknownPathIsProblemNotFound() {
    as("po1").get("/api/v1/nothing-here")
        .then().statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:not-found"));
  }
}
