package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.govflow.common.Samples;
import io.govflow.evaluation.metrics.BiasReport.BiasMetric;
import io.govflow.evaluation.metrics.BiasReport.FacetResult;
import io.govflow.evaluation.metrics.BiasReport.Section;
import io.govflow.usecase.ProtectedFacet;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every metric of every golden report that smclarify 0.5 wrote (tools/clarify-reference) against the engine's, to
 * 1e-9: the same value, the same infinity, or undefined where Clarify could not compute it.
 */
class GoldenClarifyMetricsTest {

  static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  static final double TOLERANCE = 1e-9;

  static Stream<String> goldenReports() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(golden())) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
          .toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("goldenReports")
  void everyMetricMatchesClarify(String report) throws IOException, URISyntaxException {
    JsonNode golden = JSON.readTree(golden().resolve(report).toFile());
    Table table = firstRows(read(Samples.path(golden.path("dataset").asText())), golden.path("rows").asInt());
    FavourableOutcome outcome = outcome(golden);
    List<ProtectedFacet> facet = List.of(facet(golden));
    String groupVariable = golden.path("group_variable").isNull() ? null : golden.path("group_variable").asText();
    SoftAssertions softly = new SoftAssertions();

    Section pre = BiasAnalysis.preTraining(table, outcome, facet, groupVariable).preTrainingBiasMetrics();
    compare(softly, "pre-training", golden, golden.path("pre_training_bias_metrics"), pre);
    if (golden.has("post_training_bias_metrics")) {
      Table predictions = read(golden().resolve(golden.at("/predicted_label/file").asText()));
      List<String> predicted = predictions.column(golden.at("/predicted_label/column").asText())
          .subList(0, table.rowCount());
      Section post = BiasAnalysis.postTraining(table, outcome, predicted, facet, groupVariable)
          .postTrainingBiasMetrics();
      compare(softly, "post-training", golden, golden.path("post_training_bias_metrics"), post);
    }
    softly.assertAll();
  }

  static void compare(SoftAssertions softly, String stage, JsonNode golden, JsonNode expected, Section actual) {
    softly.assertThat(actual.labelValueOrThreshold()).as(stage + " label_value_or_threshold")
        .isEqualTo(golden.path("label_value_or_threshold").asText());
    FacetResult result = actual.facets().get(golden.at("/facet/name_or_index").asText()).get(0);
    JsonNode expectedFacet = expected.get(0);
    softly.assertThat(result.valueOrThreshold()).as(stage + " value_or_threshold")
        .isEqualTo(expectedFacet.path("value_or_threshold").asText());
    List<String> expectedNames = new ArrayList<>();
    expectedFacet.path("metrics").forEach(metric -> expectedNames.add(metric.path("name").asText()));
    softly.assertThat(result.metrics()).extracting(BiasMetric::name).as(stage + " metric names")
        .containsExactlyElementsOf(expectedNames);
    for (JsonNode metric : expectedFacet.path("metrics")) {
      String name = metric.path("name").asText();
      BiasMetric mine = result.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
      if (mine == null) {
        continue;
      }
      String what = stage + " " + name;
      softly.assertThat(mine.description()).as(what + " description").isEqualTo(metric.path("description").asText());
      JsonNode value = metric.path("value");
      if (value.isNull()) {
        softly.assertThat(mine.value()).as(what + " (Clarify: " + metric.path("error").asText() + ")").isNull();
        softly.assertThat(mine.error()).as(what + " error").isNotBlank();
      } else if (value.isTextual()) {
        softly.assertThat(mine.value()).as(what).isEqualTo(Double.parseDouble(value.asText()));
      } else {
        softly.assertThat(mine.value()).as(what + " (" + mine.error() + ")").isNotNull();
        if (mine.value() != null) {
          softly.assertThat(mine.value()).as(what).isCloseTo(value.asDouble(), within(TOLERANCE));
        }
      }
    }
  }

  static FavourableOutcome outcome(JsonNode golden) {
    JsonNode values = golden.path("label_values_or_threshold");
    String label = golden.path("label").asText();
    return golden.path("label_data_type").asText().equals("CONTINUOUS")
        ? new FavourableOutcome(label, null, values.get(0).asDouble())
        : new FavourableOutcome(label, texts(values), null);
  }

  static ProtectedFacet facet(JsonNode golden) {
    JsonNode values = golden.at("/facet/value_or_threshold");
    String column = golden.at("/facet/name_or_index").asText();
    return golden.path("facet_data_type").asText().equals("CONTINUOUS")
        ? new ProtectedFacet(column, null, values.get(0).asDouble())
        : new ProtectedFacet(column, texts(values), null);
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(value -> texts.add(value.asText()));
    return texts;
  }

  static Table firstRows(Table table, int rows) {
    return table.select(IntStream.range(0, rows).boxed().toList());
  }

  static Table read(Path csv) throws IOException {
    try (Reader reader = Files.newBufferedReader(csv)) {
      return Table.read(reader);
    }
  }

  static Path golden() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(GoldenClarifyMetricsTest.class.getResource("/golden")).toURI());
  }
}
