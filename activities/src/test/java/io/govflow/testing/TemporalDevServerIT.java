package io.govflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.GovflowSearchAttributes;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TemporalDevServerIT {

  private static final ListSearchAttributesRequest LIST_ATTRIBUTES =
      ListSearchAttributesRequest.newBuilder().setNamespace("default").build();

  @Test
  void startedServerHasGovflowSearchAttributesAndStopsOnClose() {
    OperatorServiceStubs operator;
    try (TemporalDevServer server = TemporalDevServer.start()) {
      operator = OperatorServiceStubs.newServiceStubs(
          OperatorServiceStubsOptions.newBuilder().setTarget(server.target()).validateAndBuildWithDefaults());

      assertThat(operator.blockingStub().listSearchAttributes(LIST_ATTRIBUTES).getCustomAttributesMap())
          .containsKeys(GovflowSearchAttributes.ALL.stream().map(SearchAttributeKey::getName).toArray(String[]::new));
    }
    try {
      assertThatThrownBy(() -> operator.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
          .listSearchAttributes(LIST_ATTRIBUTES))
          .isInstanceOf(StatusRuntimeException.class);
    } finally {
      operator.shutdownNow();
    }
  }
}
