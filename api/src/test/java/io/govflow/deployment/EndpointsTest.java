package io.govflow.deployment;

import static io.govflow.testing.ApiCalls.as;
import static io.govflow.testing.InventoryFixtures.T0;
import static io.govflow.testing.InventoryFixtures.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.govflow.common.Problem;
import io.govflow.registry.EndpointSnapshot;
import io.govflow.registry.RegistryActivities;
import io.govflow.testing.InventoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EndpointsTest {

  @Inject
  RegistryActivities registry;

  @Test
  void endpointsOfAUseCaseAreListedTestFirst() {
    String id = InventoryFixtures.newUseCaseId();
    InventoryFixtures.recordUseCase(registry, id);
    registry.recordEndpoint(endpoint(id, Environment.PRODUCTION, true), event(id, "endpoint", T0));
    registry.recordEndpoint(endpoint(id, Environment.TEST, false), event(id, "endpoint", T0));

    as("audit1").get("/api/v1/use-cases/" + id + "/endpoints")
        .then().statusCode(200)
        .body("endpointName", contains("gf-" + id + "-test", "gf-" + id + "-prod"))
        .body("environment", contains("TEST", "PRODUCTION"))
        .body("serving", contains(false, true))
        .body("[1].useCaseId", equalTo(id))
        .body("[1].modelVersionId", equalTo(id + "-v1"))
        .body("[1].url", equalTo("http://127.0.0.1:9001/gf-" + id + "-prod"))
        .body("[1].captureLocation", equalTo("data-capture/gf-" + id + "-prod"))
        .body("[1].at", equalTo("2026-04-01T08:00:00Z"));
  }

  @Test
  void useCaseWithoutEndpointsHasAnEmptyList() {
    String id = InventoryFixtures.newUseCaseId();
    InventoryFixtures.recordUseCase(registry, id);

    as("po1").get("/api/v1/use-cases/" + id + "/endpoints").then().statusCode(200).body("", hasSize(0));
  }

  @Test
  void unknownUseCaseIsNotFoundAndCredentialsAreNeeded() {
    as("ops1").get("/api/v1/use-cases/uc-zzzzzzzz/endpoints")
        .then().statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:use-case-not-found"));
    given().get("/api/v1/use-cases/uc-zzzzzzzz/endpoints").then().statusCode(401);
  }

  private static EndpointSnapshot endpoint(String id, Environment environment, boolean serving) {
    String name = "gf-" + id + "-" + environment.suffix();
    return new EndpointSnapshot(name, id, environment, id + "-v1", "http://127.0.0.1:9001/" + name,
        "data-capture/" + name, serving, T0);
  }
}
