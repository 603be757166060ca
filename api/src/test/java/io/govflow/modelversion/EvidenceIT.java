package io.govflow.modelversion;

import static io.govflow.testing.ApiCalls.as;
import static io.govflow.testing.ApiCalls.awaitUseCase;
import static io.govflow.testing.ApiCalls.createUseCase;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.govflow.common.Problem;
import io.govflow.testing.LifecycleWorkerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evidence documents through the API, read from the artifact store the (mocked) provider wrote. */
@QuarkusTest
@WithTestResource(LifecycleWorkerResource.class)
class EvidenceIT {

  @Test
  void evidenceIsServedVerifiedAndTamperingIsConflict() throws IOException {
    String modelVersionId = modelVersionAtSignOff();
    JsonPath state = as("audit1").get("/api/v1/model-versions/" + modelVersionId).then().statusCode(200)
        .extract().jsonPath();
    String sha256 = state.getString("evidence.find { it.name == 'model-quality' }.sha256");

    as("audit1").get("/api/v1/model-versions/" + modelVersionId + "/evidence/model-quality")
        .then().statusCode(200)
        .contentType("application/json")
        .header("ETag", "\"" + sha256 + "\"")
        .body("name", equalTo("model-quality"))
        .body("modelVersionId", equalTo(modelVersionId));

    Path document = Path.of(URI.create(state.getString("evidence.find { it.name == 'model-quality' }.location")));
    Files.writeString(document, "{\"name\":\"model-quality\",\"accuracy\":0.99}");
    as("audit1").get("/api/v1/model-versions/" + modelVersionId + "/evidence/model-quality")
        .then().statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:evidence-changed"))
        .body("instance", equalTo("/api/v1/model-versions/" + modelVersionId + "/evidence/model-quality"));
  }

  @Test
  void unknownEvidenceNameListsAvailableNames() {
    String modelVersionId = modelVersionAtSignOff();

    as("ops1").get("/api/v1/model-versions/" + modelVersionId + "/evidence/shap-values")
        .then().statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("urn:govflow:problem:evidence-not-found"))
        .body("allowedValues", hasItems("data-statistics", "model-card", "model-quality", "policy-result",
            "post-training-bias", "pre-training-bias", "training-metrics"))
        .body("detail", containsString("has no evidence named shap-values"));
  }

  @Test
  void unknownModelVersionIsNotFound() {
    as("ops1").get("/api/v1/model-versions/uc-zzzzzzzz-v1")
        .then().statusCode(404)
        .body("type", equalTo("urn:govflow:problem:model-version-not-found"));
  }

  /** A fresh use case, approved, whose model version has gathered all evidence and awaits sign-off. */
  private static String modelVersionAtSignOff() {
    String id = createUseCase("po1");
    String digest = awaitUseCase(id, s -> !s.getList("openGates").isEmpty()).getString("openGates[0].evidenceDigest");
    as("gov3").body(Map.of("gate", "USE_CASE_APPROVAL", "outcome", "APPROVE", "evidenceDigest", digest))
        .post("/api/v1/use-cases/" + id + "/decisions").then().statusCode(200);
    awaitUseCase(id, s -> s.getList("openGates.gate").contains("GOVERNANCE_SIGN_OFF"));
    return id + "-v1";
  }
}
