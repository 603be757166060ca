package io.govflow.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.govflow.common.GovflowSearchAttributes;
import io.govflow.deployment.local.EndpointServer;
import io.govflow.testing.TemporalDevServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker process on a real Temporal dev server: it registers govflow's search attributes and polls its queue. */
@QuarkusTest
@QuarkusTestResource(TemporalDevServerResource.class)
class GovflowWorkerIT {

  @Inject
  WorkflowServiceStubs stubs;

  @Inject
  SearchAttributeRegistrar registrar;

  @Inject
  EndpointServer endpoints;

  @Test
  void readyOnceItPollsTheTaskQueue() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    var pollers = stubs.blockingStub().describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
            .setNamespace("default")
            .setTaskQueue(TaskQueue.newBuilder().setName("govflow"))
            .build())
        .getPollersList();
    assertThat(pollers).isNotEmpty();
  }

  @Test
  void localModelEndpointsListenOnTheirOwnPort() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + endpoints.port() + "/endpoints/gf-none")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(endpoints.port()).isNotEqualTo(8082);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no endpoint named 'gf-none' is deployed here");
  }

  @Test
  void temporalWorkerMetricsArePublishedForPrometheus() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).contains("temporal_");
  }

  @Test
  void searchAttributesAreRegisteredAsKeywordsAndRegisteringAgainChangesNothing() {
    registrar.registerMissing();
    Map<String, IndexedValueType> attributes = customSearchAttributes();
    GovflowSearchAttributes.ALL.forEach(key ->
        assertThat(attributes).containsEntry(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
  }

  private Map<String, IndexedValueType> customSearchAttributes() {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(stubs.getRawChannel()).validateAndBuildWithDefaults());
    try {
      return operator.blockingStub()
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
          .getCustomAttributesMap();
    } finally {
      operator.shutdown();
    }
  }
}
