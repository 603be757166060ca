package io.govflow.usecase;

import static io.govflow.testing.ApiCalls.as;
import static io.govflow.testing.ApiCalls.await;
import static io.govflow.testing.ApiCalls.awaitUseCase;
import static io.govflow.testing.ApiCalls.createUseCase;
import static io.govflow.testing.ApiCalls.creditUseCase;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.govflow.common.Problem;
import io.govflow.testing.LifecycleWorkerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Steps 1–2 through the API against the real use-case workflow on a Temporal dev server. */
@QuarkusTest
@WithTestResource(LifecycleWorkerResource.class)
class UseCaseLifecycleIT {

  @Test
  void createdUseCaseAwaitsApprovalAndIsOwnedByCaller() {
    Map<String, Object> body = creditUseCase();
    body.put("owner", "somebody-else");

    String id = as("po1").body(body).post("/api/v1/use-cases")
        .then().statusCode(201)
        .header("Location", matchesPattern(".*/api/v1/use-cases/uc-[a-z0-9]{8}"))
        .body("id", matchesPattern("uc-[a-z0-9]{8}"))
        .body("stage", equalTo("AWAITING_USE_CASE_APPROVAL"))
        .extract().path("id");

    JsonPath state = awaitUseCase(id, s -> !s.getList("openGates").isEmpty());
    assertThat(state.getString("workflowId")).isEqualTo("use-case-" + id);
    assertThat(state.getString("definition.owner")).isEqualTo("po1");
    assertThat(state.getString("openGates[0].gate")).isEqualTo("USE_CASE_APPROVAL");
    assertThat(state.getString("openGates[0].evidenceDigest")).hasSize(64);
  }

  @Test
  void listingFindsCaseBySearchAttributes() {
    String id = createUseCase("po2");

    JsonPath page = await(() -> as("audit1").get("/api/v1/use-cases?owner=po2&risk=HIGH&size=100")
        .then().statusCode(200).extract().jsonPath(), p -> p.getList("items.id").contains(id));

    Map<String, Object> item = page.getMap("items.find { it.id == '" + id + "' }");
    assertThat(item).containsEntry("workflowId", "use-case-" + id)
        .containsEntry("name", "Consumer loan approval")
        .containsEntry("stage", "AWAITING_USE_CASE_APPROVAL")
        .containsEntry("risk", "HIGH")
        .containsEntry("owner", "po2")
        .containsEntry("pendingGate", "USE_CASE_APPROVAL");
    as("audit1").get("/api/v1/use-cases?owner=po2&risk=LOW&size=100")
        .then().statusCode(200).body("items.id", not(hasItem(id)));
  }

  @Test
  void listingPagesWithTokens() {
    List.of(1, 2, 3).forEach(n -> createUseCase("po2"));
    await(() -> as("ops1").get("/api/v1/use-cases?owner=po2&size=100").then().extract().jsonPath(),
        p -> p.getList("items").size() >= 3);

    JsonPath first = as("ops1").get("/api/v1/use-cases?owner=po2&size=2").then().statusCode(200).extract().jsonPath();
    assertThat(first.getList("items")).hasSize(2);
    String token = first.getString("nextPageToken");
    assertThat(token).isNotBlank();
    JsonPath second = as("ops1").get("/api/v1/use-cases?owner=po2&size=2&pageToken=" + token)
        .then().statusCode(200).extract().jsonPath();
    assertThat(second.getList("items.id", String.class)).isNotEmpty()
        .doesNotContainAnyElementsOf(first.getList("items.id", String.class));
    as("ops1").get("/api/v1/use-cases?pageToken=bm90LWEtdG9rZW4")
        .then().statusCode(422).body("errors[0].field", equalTo("pageToken"));
  }

  @Test
  void retriedCreateWithSameKeyReturnsSameCase() {
    String key = UUID.randomUUID().toString();

    String id = as("po1").header("Idempotency-Key", key).body(creditUseCase()).post("/api/v1/use-cases")
        .then().statusCode(201).extract().path("id");

    as("po1").header("Idempotency-Key", key).body(creditUseCase()).post("/api/v1/use-cases")
        .then().statusCode(200)
        .header("Location", endsWith("/api/v1/use-cases/" + id))
        .body("id", equalTo(id))
        .body("workflowId", equalTo("use-case-" + id));
  }

  @Test
  void reusedKeyWithOtherDefinitionIsConflict() {
    String key = UUID.randomUUID().toString();
    as("po1").header("Idempotency-Key", key).body(creditUseCase()).post("/api/v1/use-cases").then().statusCode(201);
    Map<String, Object> other = creditUseCase();
    other.put("name", "Mortgage approval");

    as("po1").header("Idempotency-Key", key).body(other).post("/api/v1/use-cases")
        .then().statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:idempotency-key-reused"));
  }

  @Test
  void sameKeyOfAnotherOwnerStartsAnotherCase() {
    String key = UUID.randomUUID().toString();
    String first = as("po1").header("Idempotency-Key", key).body(creditUseCase()).post("/api/v1/use-cases")
        .then().statusCode(201).extract().path("id");

    as("po2").header("Idempotency-Key", key).body(creditUseCase()).post("/api/v1/use-cases")
        .then().statusCode(201).body("id", not(equalTo(first)));
  }

  @Test
  void ownerRevisesAfterChangesRequestedAndGateReopens() {
    String id = createUseCase("po1");
    String digest = awaitUseCase(id, s -> !s.getList("openGates").isEmpty()).getString("openGates[0].evidenceDigest");
    as("gov1").body(Map.of("gate", "USE_CASE_APPROVAL", "outcome", "REQUEST_CHANGES",
            "comment", "name the data retention period", "evidenceDigest", digest))
        .post("/api/v1/use-cases/" + id + "/decisions")
        .then().statusCode(200)
        .body("outcome.gateClosed", equalTo(true))
        .body("state.stage", equalTo("CHANGES_REQUESTED"));
    Map<String, Object> revised = creditUseCase();
    revised.put("intendedUse", "Recommend approve or refer; data kept 7 years; a credit officer decides");
    revised.put("comment", "retention period added");

    as("po2").body(revised).put("/api/v1/use-cases/" + id)
        .then().statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:not-owner"))
        .body("refusal", equalTo("NOT_OWNER"))
        .body("detail", containsString("only the owner may revise"));
    as("po1").body(revised).put("/api/v1/use-cases/" + id)
        .then().statusCode(200)
        .body("revision", equalTo(2))
        .body("stage", equalTo("AWAITING_USE_CASE_APPROVAL"))
        .body("definition.intendedUse", containsString("7 years"))
        .body("openGates[0].evidenceDigest", not(equalTo(digest)));
    as("po1").body(revised).put("/api/v1/use-cases/" + id)
        .then().statusCode(409)
        .body("refusal", equalTo("REVISION_NOT_EXPECTED"));
  }

  @Test
  void unknownUseCaseIsNotFound() {
    as("ops1").get("/api/v1/use-cases/uc-zzzzzzzz")
        .then().statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:use-case-not-found"))
        .body("instance", equalTo("/api/v1/use-cases/uc-zzzzzzzz"));
    as("po1").body(creditUseCase()).put("/api/v1/use-cases/uc-zzzzzzzz")
        .then().statusCode(404);
  }

  @Test
  void readinessReportsTemporal() {
    given().get("/q/health/ready")
        .then().statusCode(200)
        .body("checks.find { it.name == 'temporal' }.status", equalTo("UP"));
  }
}
