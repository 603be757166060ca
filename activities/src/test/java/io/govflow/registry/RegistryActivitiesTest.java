package io.govflow.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.temporal.common.metadata.POJOActivityImplMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import org.junit.jupiter.api.Test;

/** The registry's promises on the embedded default's database, H2 in PostgreSQL mode. */
@QuarkusTest
class RegistryActivitiesTest extends RegistryActivitiesContractTest {

  @Test
  void theInjectedBeanRegistersWithAWorkerAsExactlyTheRegistryActivities() {
    // The worker registers the CDI bean, i.e. its client proxy, a subclass Temporal inspects by reflection.
    assertThat(POJOActivityImplMetadata.newInstance(registry.getClass()).getActivityMethods())
        .extracting(POJOActivityMethodMetadata::getActivityTypeName)
        .containsExactlyInAnyOrder("RecordUseCase", "RecordModelVersion", "RecordDecision", "RecordMetrics",
            "RecordPolicyResult", "AppendAudit", "RecordEndpoint", "RecordProductionChange", "RecordMonitoringRun",
            "RecordFinding");
  }
}
