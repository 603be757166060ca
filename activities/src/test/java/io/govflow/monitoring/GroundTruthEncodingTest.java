package io.govflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.common.GovflowConfig.Provider;
import io.govflow.evaluation.metrics.Table;
import io.govflow.training.aws.FeatureEncoding;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GroundTruthEncodingTest {

  @Test
  void eachProviderWritesTheLabelItsMonitorCompares() {
    assertThat(GroundTruthEncoding.of(Provider.LOCAL)).isEqualTo(GroundTruthEncoding.AS_POSTED);
    assertThat(GroundTruthEncoding.of(Provider.AWS)).isEqualTo(GroundTruthEncoding.FAVOURABLE_AS_ONE);
  }

  @Test
  void localProviderKeepsTheLabelAsPosted() {
    assertThat(GroundTruthEncoding.AS_POSTED.data("bad", "good")).isEqualTo("bad");
    assertThat(GroundTruthEncoding.AS_POSTED.data("good", null)).isEqualTo("good");
  }

  @Test
  void awsProviderWritesOneForTheFavourableLabelAndZeroForAnyOther() {
    assertThat(GroundTruthEncoding.FAVOURABLE_AS_ONE.data("good", "good")).isEqualTo("1");
    assertThat(GroundTruthEncoding.FAVOURABLE_AS_ONE.data("bad", "good")).isEqualTo("0");
    assertThat(GroundTruthEncoding.FAVOURABLE_AS_ONE.data("neutral", "good")).isEqualTo("0");
    assertThat(GroundTruthEncoding.FAVOURABLE_AS_ONE.data("Good", "good")).as("matched exactly").isEqualTo("0");
  }

  @Test
  void awsGroundTruthMatchesTheLabelColumnTheModelWasTrainedOn() {
    Table train = Table.parse("""
        age,class
        22,good
        35,bad
        47,neutral
        """);
    FeatureEncoding encoding = FeatureEncoding.fit(train, "class", "good");

    String trained = new String(encoding.trainingCsv(train), StandardCharsets.UTF_8);

    assertThat(trained.lines().map(line -> line.substring(0, line.indexOf(','))))
        .containsExactly(train.column("class").stream()
            .map(label -> GroundTruthEncoding.FAVOURABLE_AS_ONE.data(label, "good")).toArray(String[]::new))
        .containsExactly("1", "0", "0");
  }

  @Test
  void awsGroundTruthNeedsTheUseCasesFavourableLabel() {
    assertThatThrownBy(() -> GroundTruthEncoding.FAVOURABLE_AS_ONE.data("good", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("define the dataset's favourable label");
  }
}
