package io.govflow.worker;

import io.govflow.common.GovflowConfig;
import io.govflow.common.GovflowSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Registers govflow's search attributes with the namespace at start-up, so that the Web UI's filters and the API's
 * listings work on any Temporal server, not only on a dev server started with the right flags.
 */
@ApplicationScoped
public class SearchAttributeRegistrar {

  private static final Logger LOG = Logger.getLogger(SearchAttributeRegistrar.class);

  private final WorkflowServiceStubs serviceStubs;
  private final GovflowConfig config;

  SearchAttributeRegistrar(WorkflowServiceStubs serviceStubs, GovflowConfig config) {
    this.serviceStubs = serviceStubs;
    this.config = config;
  }

  void registerMissing() {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(serviceStubs.getRawChannel()).validateAndBuildWithDefaults());
    try {
      String namespace = config.temporal().namespace();
      Map<String, IndexedValueType> existing = operator.blockingStub()
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
      Map<String, IndexedValueType> missing = GovflowSearchAttributes.ALL.stream()
          .filter(key -> !existing.containsKey(key.getName()))
          .collect(Collectors.toMap(key -> key.getName(), key -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      if (!missing.isEmpty()) {
        operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
            .setNamespace(namespace).putAllSearchAttributes(missing).build());
        LOG.infof("registered search attributes %s in namespace %s", missing.keySet(), namespace);
      }
    } finally {
      operator.shutdown();
    }
  }
}
