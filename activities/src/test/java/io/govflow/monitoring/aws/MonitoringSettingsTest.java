package io.govflow.monitoring.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.TestConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringSettingsTest {

  private static final String ROLE = "arn:aws:iam::210987654321:role/govflow-sagemaker-prod";

  @Test
  void awsSettingsGiveTheRegionsAnalyzerAndHourlyJobsWithinTheHour() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.region", "eu-west-1");

    MonitoringSettings settings = MonitoringSettings.from(TestConfigs.govflow(properties).aws(), ROLE);

    assertThat(settings.analyzerImage())
        .isEqualTo("468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer");
    assertThat(settings.roleArn()).isEqualTo(ROLE);
    assertThat(settings.scheduleExpression()).isEqualTo("cron(0 * ? * * *)");
    assertThat(settings.maxRuntime()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void chinasRegionsServeTheAnalyzerFromTheirOwnDomain() {
    assertThat(MonitoringSettings.analyzerImage("cn-north-1"))
        .isEqualTo("453000072557.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-model-monitor-analyzer");
  }

  @Test
  void regionWithoutAKnownAnalyzerIsRefusedByName() {
    assertThatThrownBy(() -> MonitoringSettings.analyzerImage("xx-nowhere-1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xx-nowhere-1");
  }

  @Test
  void jobsThatMayOutlastTheHourAreRefused() {
    Map<String, String> properties = new HashMap<>(TestConfigs.aws());
    properties.put("govflow.aws.processing.max-runtime", "PT2H");

    assertThatThrownBy(() -> MonitoringSettings.from(TestConfigs.govflow(properties).aws(), ROLE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRuntime");
  }
}
