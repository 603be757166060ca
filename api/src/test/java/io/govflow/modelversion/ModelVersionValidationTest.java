package io.govflow.modelversion;

import static io.govflow.testing.ApiCalls.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.govflow.common.Problem;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelVersionValidationTest {

  @Test
  void malformedModelVersionIdIsNotFound() {
    as("audit1").get("/api/v1/model-versions/uc-abcd1234-v0")
        .then().statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:model-version-not-found"));
  }

  @Test
  void evidenceNeedsCredentials() {
    given().get("/api/v1/model-versions/uc-abcd1234-v1/evidence/model-quality")
        .then().statusCode(401);
  }
}
