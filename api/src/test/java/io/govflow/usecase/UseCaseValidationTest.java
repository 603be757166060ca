package io.govflow.usecase;

import static io.govflow.testing.ApiCalls.as;
import static io.govflow.testing.ApiCalls.child;
import static io.govflow.testing.ApiCalls.creditUseCase;
import static io.govflow.testing.ApiCalls.facet;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.govflow.common.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests the API refuses before they reach Temporal: no server is needed, none is running. */
@QuarkusTest
class UseCaseValidationTest {

  @Test
  void missingNameIsInvalidField() {
    Map<String, Object> body = creditUseCase();
    body.remove("name");

    expectInvalid(body)
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("name"))
        .body("errors[0].message", equalTo("must name the use case"))
        .body("detail", equalTo("1 invalid field(s): name must name the use case"));
  }

  @Test
  void everyMissingRequiredFieldIsListed() {
    expectInvalid(Map.of())
        .body("errors.field", contains("businessProblem", "dataSources", "dataset", "intendedUse", "lineOfBusiness",
            "name", "protectedFacets", "risk", "stakeholders"));
  }

  @Test
  void highRiskWithoutReasonsNamesReasons() {
    Map<String, Object> body = creditUseCase();
    child(body, "risk").put("reasons", List.of());

    expectInvalid(body)
        .body("errors[0].field", equalTo("risk.reasons"))
        .body("errors[0].message", equalTo("must give at least one reason when level is HIGH"));
  }

  @Test
  void lowRiskNeedsNoReasons() {
    Map<String, Object> body = creditUseCase();
    child(body, "risk").put("level", "LOW");
    child(body, "risk").remove("reasons");
    body.remove("name");

    expectInvalid(body).body("errors.field", contains("name"));
  }

  @Test
  void facetWithValuesAndThresholdIsInvalid() {
    Map<String, Object> body = creditUseCase();
    facet(body, 1).put("values", List.of("young"));

    expectInvalid(body)
        .body("errors[0].field", equalTo("protectedFacets[1].values"))
        .body("errors[0].message", equalTo("give values or threshold, not both"));
  }

  @Test
  void facetWithNeitherValuesNorThresholdIsInvalid() {
    Map<String, Object> body = creditUseCase();
    facet(body, 1).remove("threshold");

    expectInvalid(body)
        .body("errors[0].field", equalTo("protectedFacets[1].values"))
        .body("errors[0].message", containsString("a threshold for a numeric column"));
  }

  @Test
  void blankStakeholderNamesItsIndex() {
    Map<String, Object> body = creditUseCase();
    body.put("stakeholders", List.of("retail credit", " "));

    expectInvalid(body).body("errors[0].field", equalTo("stakeholders[1]"));
  }

  @Test
  void unknownRiskLevelListsAllowedValues() {
    Map<String, Object> body = creditUseCase();
    child(body, "risk").put("level", "EXTREME");

    expectInvalid(body)
        .body("errors[0].field", equalTo("risk.level"))
        .body("allowedValues", contains("LOW", "MEDIUM", "HIGH"))
        .body("detail", equalTo("risk.level 'EXTREME' is unknown; use one of LOW, MEDIUM, HIGH"));
  }

  @Test
  void stringWhereListBelongsIsInvalidField() {
    Map<String, Object> body = creditUseCase();
    body.put("protectedFacets", "age");

    expectInvalid(body)
        .body("errors[0].field", equalTo("protectedFacets"))
        .body("errors[0].message", equalTo("must be a JSON array"));
  }

  @Test
  void malformedJsonIsUnreadableBody() {
    as("po1").body("{\"name\": \"loans\",").post("/api/v1/use-cases")
        .then().statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:unreadable-body"))
        .body("detail", containsString("not valid JSON"))
        .body(not(containsString("at com.fasterxml")))
        .body(not(containsString("Exception")));
  }

  @Test
  void missingBodyIsInvalid() {
    as("po1").post("/api/v1/use-cases")
        .then().statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors[0].field", equalTo("request"))
        .body("errors[0].message", equalTo("must be a use case definition"));
  }

  @Test
  void revisionIsValidatedLikeCreation() {
    Map<String, Object> body = creditUseCase();
    child(body, "dataset").remove("favourableLabel");

    as("po1").body(body).put("/api/v1/use-cases/uc-abcd1234")
        .then().statusCode(422)
        .body("errors[0].field", equalTo("dataset.favourableLabel"));
  }

  @Test
  void unknownStageFilterListsStages() {
    as("ops1").get("/api/v1/use-cases?stage=DONE")
        .then().statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors[0].field", equalTo("stage"))
        .body("allowedValues", hasSize(Stage.values().length))
        .body("allowedValues[0]", equalTo("AWAITING_USE_CASE_APPROVAL"));
  }

  @Test
  void unknownRiskFilterListsLevels() {
    as("ops1").get("/api/v1/use-cases?risk=high")
        .then().statusCode(422)
        .body("allowedValues", contains("LOW", "MEDIUM", "HIGH"));
  }

  @Test
  void ownerFilterMustBeUserName() {
    as("ops1").get("/api/v1/use-cases?owner=po1' OR 'a'='a")
        .then().statusCode(422)
        .body("errors[0].field", equalTo("owner"))
        .body("errors[0].message", equalTo("must be a user name"));
  }

  @Test
  void pageSizeIsBounded() {
    as("ops1").get("/api/v1/use-cases?size=1000")
        .then().statusCode(422)
        .body("errors[0].field", equalTo("size"));
  }

  @Test
  void malformedUseCaseIdIsNotFound() {
    as("audit1").get("/api/v1/use-cases/not-an-id")
        .then().statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:use-case-not-found"))
        .body("detail", equalTo("there is no use case not-an-id; GET /api/v1/use-cases lists them"));
  }

  private static ValidatableResponse expectInvalid(Map<String, Object> body) {
    return as("po1").body(body).post("/api/v1/use-cases")
        .then().statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:invalid-request"))
        .body("title", equalTo("Invalid request"))
        .body("status", equalTo(422))
        .body("instance", equalTo("/api/v1/use-cases"));
  }
}
