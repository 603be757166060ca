package io.govflow.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.govflow.common.GovflowSearchAttributes;
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
