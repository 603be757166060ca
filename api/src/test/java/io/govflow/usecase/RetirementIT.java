package io.govflow.usecase;

import static io.govflow.testing.ApiCalls.as;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.govflow.common.Problem;
import io.govflow.testing.ApiCalls;
import io.govflow.testing.LifecycleWorkerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retirement through the API: the retire update on {@code use-case-<id>} (a scripted stand-in on a real Temporal dev
 * server) with a RETIREMENT decision by the caller, once per Idempotency-Key.
 */
@QuarkusTest
@WithTestResource(LifecycleWorkerResource.class)
class RetirementIT {

  @Test
  void governanceRetiresAUseCaseAndARetriedKeyRetiresOnce() {
    String id = startUseCaseInProduction();
    String key = UUID.randomUUID().toString();

    retire("gov1", id, key)
        .statusCode(200)
        .body("useCaseId", equalTo(id))
        .body("stage", equalTo("RETIRED"))
        .body("endpoints", hasSize(0))
        .body("decisions", hasSize(2))
        .body("decisions[1].decisionId", equalTo(key))
        .body("decisions[1].decision.gate", equalTo("RETIREMENT"))
        .body("decisions[1].decision.outcome", equalTo("APPROVE"))
        .body("decisions[1].decision.comment", equalTo("replaced by the new scorecard"))
        .body("decisions[1].decision.actor", equalTo("gov1"))
        .body("decisions[1].decision.actorRoles", contains("governance"))
        .body("decisions[1].decision.evidenceDigest", nullValue());
    retire("gov1", id, key)
        .statusCode(200)
        .body("decisions", hasSize(2))
        .body("decisions[1].decisionId", equalTo(key));
  }

  @Test
  void retiredUseCaseCannotBeRetiredAgain() {
    String id = startUseCaseInProduction();
    retire("gov1", id, null).statusCode(200);

    // The workflow refuses while it finishes its last handler, the API once it has closed: 409 either way.
    retire("gov2", id, null)
        .statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("refusal", anyOf(equalTo("ALREADY_RETIRED"), equalTo("GATE_NOT_OPEN")))
        .body("detail", anyOf(equalTo("use case " + id + " is already retired by gov1."),
            equalTo("use case " + id + " has ended (RETIRED); nothing can be decided or revised in it any more")));
  }

  @Test
  void unknownUseCaseIsNotFound() {
    retire("gov1", "uc-zzzzzzzz", null)
        .statusCode(404)
        .body("type", equalTo("urn:govflow:problem:use-case-not-found"));
  }

  private String startUseCaseInProduction() {
    return ApiCalls.useCaseInProduction("po1");
  }


  static ValidatableResponse retire(String user, String id, String key) {
    var request = as(user).body(Map.of("comment", "replaced by the new scorecard"));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/api/v1/use-cases/" + id + "/retirement").then();
  }
}
