package io.govflow.common;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** {@link GovflowConfig} as a process reads it, from the given properties over the mapping's defaults. */
public final class TestConfigs {

  private TestConfigs() {}

  public static GovflowConfig govflow(Map<String, String> properties) {
    SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GovflowConfig.class)
        .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    return config.getConfigMapping(GovflowConfig.class);
  }

  /** The aws provider with every required setting, in us-east-1 (where the default training image is known). */
  public static Map<String, String> aws() {
    return Map.of(
        "govflow.provider", "aws",
        "govflow.aws.region", "us-east-1",
        "govflow.aws.bucket", "govflow-artifacts",
        "govflow.aws.execution-role-arn", "arn:aws:iam::123456789012:role/govflow-sagemaker",
        "govflow.aws.datazone.domain-id", "dzd_govflowtest");
  }
}
