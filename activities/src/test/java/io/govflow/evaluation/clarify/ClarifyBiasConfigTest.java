package io.govflow.evaluation.clarify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Samples;
import io.govflow.evaluation.clarify.AnalysisConfig.BiasInputs;
import io.govflow.evaluation.metrics.Table;
import io.govflow.usecase.ProtectedFacet;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClarifyBiasConfigTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ProtectedFacet> CREDIT_FACETS = List.of(
      new ProtectedFacet("personal_status", List.of("female div/dep/mar"), null), new ProtectedFacet("age", null, 25.0));

  @Test
  void preTrainingConfigIsReadByClarifysRulesAsTheFacetsAreMeant() throws IOException {
    Table credit = Table.parse(Files.readString(Samples.path(Samples.CREDIT_G)));

    byte[] written = ClarifyBiasConfig.preTraining(credit, "class", "good", CREDIT_FACETS);

    JsonNode config = JSON.readTree(written);
    assertThat(config.path("dataset_type").asText()).isEqualTo("text/csv");
    assertThat(config.path("headers")).hasSize(21);
    assertThat(config.path("headers").get(20).asText()).isEqualTo("class");
    assertThat(config.path("label").asText()).isEqualTo("class");
    assertThat(config.path("label_values_or_threshold").toString()).isEqualTo("[\"good\"]");
    assertThat(config.path("facet").toString()).isEqualTo("[{\"name_or_index\":\"personal_status\","
        + "\"value_or_threshold\":[\"female div/dep/mar\"]},{\"name_or_index\":\"age\",\"value_or_threshold\":[25.0]}]");
    assertThat(config.at("/methods/pre_training_bias/methods").asText()).isEqualTo("all");
    assertThat(config.has("predicted_label")).isFalse();
    BiasInputs read = AnalysisConfig.parse(new String(written)).resolve(credit, null);
    assertThat(read.facets()).isEqualTo(CREDIT_FACETS);
    assertThat(read.outcome().values()).containsExactly("good");
  }

  @Test
  void numericColumnsGetNumbersAndPostTrainingNamesThePredictedLabelColumn() throws IOException {
    StringBuilder csv = new StringBuilder("pregnancies,age,outcome,predicted_outcome\n");
    // Enough rows that two label values are under 5 % distinct: Clarify then reads the label as classes.
    for (int row = 0; row < 60; row++) {
      csv.append(row % 5).append(',').append(20 + row).append(',').append(row % 2).append(',').append(row % 3 % 2)
          .append('\n');
    }
    Table scored = Table.parse(csv.toString());

    JsonNode config = JSON.readTree(ClarifyBiasConfig.postTraining(scored, "outcome", "1", "predicted_outcome",
        List.of(new ProtectedFacet("pregnancies", List.of("0", "1"), null))));

    assertThat(config.path("label_values_or_threshold").toString()).isEqualTo("[1]");
    assertThat(config.at("/facet/0/value_or_threshold").toString()).isEqualTo("[0,1]");
    assertThat(config.path("predicted_label").asText()).isEqualTo("predicted_outcome");
    assertThat(config.at("/methods/post_training_bias/methods").asText()).isEqualTo("all");
    assertThat(config.at("/methods/pre_training_bias").isMissingNode()).isTrue();
  }

  @Test
  void numericLabelOfFewRowsIsRefusedSinceClarifyWouldReadAThreshold() {
    Table few = Table.parse("sex,outcome\nf,1\nm,0\nf,0\nm,1\n");

    assertThatThrownBy(() -> ClarifyBiasConfig.preTraining(few, "outcome", "1",
        List.of(new ProtectedFacet("sex", List.of("f"), null))))
        .isInstanceOf(InvalidAnalysisConfigException.class)
        .hasMessageStartingWith("label_values_or_threshold: the label column 'outcome' is numeric");
  }

  @Test
  void oneCategoryOfAContinuousColumnIsRefusedSinceClarifyWouldReadAThreshold() throws IOException {
    Table credit = Table.parse(Files.readString(Samples.path(Samples.CREDIT_G)));

    assertThatThrownBy(() -> ClarifyBiasConfig.preTraining(credit, "class", "good",
        List.of(new ProtectedFacet("age", List.of("25"), null))))
        .isInstanceOf(InvalidAnalysisConfigException.class)
        .hasMessageContaining("facet[0].value_or_threshold")
        .hasMessageContaining("'age' is a continuous column");
  }
}
