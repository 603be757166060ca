package io.govflow.deployment.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.common.TestConfigs;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointSettingsTest {

  @Test
  void endpointsServeOnTheHostingInstances() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.hosting.instance-type", "ml.c5.large");

    EndpointSettings settings = EndpointSettings.from(TestConfigs.govflow(properties).aws());

    assertThat(settings.instanceType()).isEqualTo("ml.c5.large");
    assertThat(settings.instanceCount()).isEqualTo(1);
  }
}
