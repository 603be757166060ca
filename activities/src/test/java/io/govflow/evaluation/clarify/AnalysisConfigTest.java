package io.govflow.evaluation.clarify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.common.Samples;
import io.govflow.evaluation.clarify.AnalysisConfig.BiasInputs;
import io.govflow.evaluation.metrics.Table;
import io.govflow.usecase.ProtectedFacet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AnalysisConfigTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Table SCORED = Table.parse("""
      sex,income,class,score
      f,10,1,0.9
      m,20,0,0.4
      f,30,1,0.7
      m,40,1,0.2
      """);

  static Stream<String> goldenReports() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(golden())) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
          .toList().stream();
    }
  }

  /** Clarify decides from the data whether one value is a threshold; the golden files record what it decided. */
  @ParameterizedTest
  @MethodSource("goldenReports")
  void singleValueIsAThresholdExactlyWhereClarifySaysTheColumnIsContinuous(String report) throws Exception {
    JsonNode golden = JSON.readTree(golden().resolve(report).toFile());
    ObjectNode config = JSON.createObjectNode().put("dataset_type", "text/csv").put("label", golden.path("label")
        .asText());
    config.set("label_values_or_threshold", golden.path("label_values_or_threshold"));
    config.set("facet", JSON.createArrayNode().add(golden.path("facet")));
    config.set("methods", JSON.readTree("{\"pre_training_bias\": {\"methods\": \"all\"}}"));
    Table data = firstRows(Samples.path(golden.path("dataset").asText()), golden.path("rows").asInt());

    BiasInputs inputs = AnalysisConfig.parse(config.toString()).resolve(data, null);

    ProtectedFacet facet = inputs.facets().get(0);
    assertThat(facet.threshold() != null).as("facet is a threshold")
        .isEqualTo(golden.path("facet_data_type").asText().equals("CONTINUOUS"));
    assertThat(inputs.outcome().threshold() != null).as("label is a threshold")
        .isEqualTo(golden.path("label_data_type").asText().equals("CONTINUOUS"));
  }

  @Test
  void predictedScoresInTheDatasetBecomeLabelsAndNoFeatureOfTheAnalysis() {
    AnalysisConfig config = AnalysisConfig.parse("""
        {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": [1], "predicted_label": 3,
         "probability_threshold": 0.5, "facet": [{"name_or_index": "sex", "value_or_threshold": ["f"]}],
         "methods": {"post_training_bias": {"methods": ["DPPL"]}}}""");

    BiasInputs inputs = config.resolve(SCORED, null);

    assertThat(inputs.table().columns()).containsExactly("sex", "income", "class");
    assertThat(inputs.predictedLabels()).containsExactly("1", "0", "1", "0");
  }

  @Test
  void predictionsFileMustHaveOneRowPerDatasetRow() {
    AnalysisConfig config = AnalysisConfig.parse("""
        {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": [1],
         "facet": [{"name_or_index": "sex", "value_or_threshold": ["f"]}],
         "methods": {"post_training_bias": {"methods": "all"}}}""");

    assertThatThrownBy(() -> config.resolve(SCORED, Table.parse("predicted\n1\n0\n")))
        .isInstanceOf(InvalidAnalysisConfigException.class)
        .hasMessageStartingWith("predictions: the predictions file has 2 rows but the data set has 4");
  }

  @Test
  void headersThatDoNotFitTheRowsAreRefused() {
    AnalysisConfig config = AnalysisConfig.parse("""
        {"dataset_type": "text/csv", "headers": ["sex", "class"], "label": "class",
         "label_values_or_threshold": [1], "facet": [{"name_or_index": "sex"}],
         "methods": {"pre_training_bias": {"methods": "all"}}}""");

    assertThatThrownBy(() -> config.dataset("f,10,1\nm,20,0\n"))
        .isInstanceOf(InvalidAnalysisConfigException.class)
        .extracting(e -> ((InvalidAnalysisConfigException) e).field()).isEqualTo("headers");
  }

  static Table firstRows(Path csv, int rows) {
    try {
      Table table = Table.parse(Files.readAllBytes(csv));
      return table.select(IntStream.range(0, rows).boxed().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path golden() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(AnalysisConfigTest.class.getResource("/golden")).toURI());
  }
}
