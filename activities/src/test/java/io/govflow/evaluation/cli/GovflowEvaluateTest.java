package io.govflow.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.govflow.common.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * govflow-evaluate as a user runs it: a Clarify analysis configuration and CSV files in, analysis.json out, with the
 * values smclarify 0.5 computed for the same configuration (the golden reports of tools/clarify-reference).
 */
class GovflowEvaluateTest {

  static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  static final double TOLERANCE = 1e-9;

  @TempDir
  Path work;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void sampleConfigReproducesClarifysReportOnEveryFacet() throws Exception {
    int exit = run("bias", "--config", sampleConfig(), "--dataset", Samples.path(Samples.CREDIT_G).toString(),
        "--predictions", golden("credit-g-predictions.csv").toString(), "--output", work.toString());

    assertThat(exit).as(err()).isEqualTo(GovflowEvaluate.OK);
    JsonNode analysis = JSON.readTree(work.resolve("analysis.json").toFile());
    SoftAssertions softly = new SoftAssertions();
    for (String report : List.of("credit-g-personal-status-female", "credit-g-age-25", "credit-g-foreign-worker")) {
      JsonNode golden = JSON.readTree(golden(report + ".json").toFile());
      compare(softly, analysis.path("pre_training_bias_metrics"), golden, "pre_training_bias_metrics");
      compare(softly, analysis.path("post_training_bias_metrics"), golden, "post_training_bias_metrics");
    }
    softly.assertAll();
  }

  @Test
  void headerlessDatasetTakesItsColumnNamesFromHeadersAndColumnsMayBeIndices() throws Exception {
    List<String> lines = Files.readAllLines(Samples.path(Samples.DIABETES));
    Path dataset = Files.write(work.resolve("diabetes-no-header.csv"), lines.subList(1, lines.size()));
    String headers = JSON.writeValueAsString(List.of(lines.get(0).split(",")));
    int ageIndex = List.of(lines.get(0).split(",")).indexOf("age");
    Path config = config("""
        {"dataset_type": "text/csv", "headers": %s, "label": "class",
         "label_values_or_threshold": ["tested_negative"], "group_variable": "preg",
         "facet": [{"name_or_index": %d, "value_or_threshold": [50]}],
         "methods": {"pre_training_bias": {"methods": "all"}}}""".formatted(headers, ageIndex));

    int exit = run("bias", "--config", config.toString(), "--dataset", dataset.toString(),
        "--output", work.resolve("out").toString());

    assertThat(exit).as(err()).isEqualTo(GovflowEvaluate.OK);
    JsonNode analysis = JSON.readTree(work.resolve("out/analysis.json").toFile());
    assertThat(analysis.has("post_training_bias_metrics")).isFalse();
    SoftAssertions softly = new SoftAssertions();
    compare(softly, analysis.path("pre_training_bias_metrics"), JSON.readTree(golden("diabetes-age-50.json").toFile()),
        "pre_training_bias_metrics");
    softly.assertAll();
  }

  @Test
  void writesOnlyTheMetricsAskedFor() throws Exception {
    Path config = config("""
        {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": ["good"],
         "facet": [{"name_or_index": "foreign_worker", "value_or_threshold": ["yes"]}],
         "methods": {"pre_training_bias": {"methods": ["DPL", "CI"]}}}""");

    int exit = run("bias", "--config", config.toString(), "--dataset", Samples.path(Samples.CREDIT_G).toString(),
        "--output", work.toString());

    assertThat(exit).as(err()).isEqualTo(GovflowEvaluate.OK);
    JsonNode analysis = JSON.readTree(work.resolve("analysis.json").toFile());
    assertThat(analysis.at("/pre_training_bias_metrics/facets/foreign_worker/0/metrics").findValuesAsText("name"))
        .containsExactly("CI", "DPL");
    assertThat(analysis.has("post_training_bias_metrics")).isFalse();
  }

  @Test
  void intervalsFollowTheResamplesAndSeedGivenAndRecordThem() throws Exception {
    Path config = config("""
        {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": ["good"],
         "facet": [{"name_or_index": "foreign_worker", "value_or_threshold": ["yes"]}],
         "methods": {"pre_training_bias": {"methods": ["DPL"]}}}""");
    String dataset = Samples.path(Samples.CREDIT_G).toString();

    run("bias", "--config", config.toString(), "--dataset", dataset, "--resamples", "200", "--seed", "5",
        "--output", work.resolve("seeded").toString());
    run("bias", "--config", config.toString(), "--dataset", dataset, "--resamples", "0",
        "--output", work.resolve("none").toString());
    int bad = run("bias", "--config", config.toString(), "--dataset", dataset, "--resamples", "many",
        "--output", work.toString());

    JsonNode seeded = JSON.readTree(work.resolve("seeded/analysis.json").toFile()).path("pre_training_bias_metrics");
    assertThat(seeded.at("/bootstrap/resamples").asInt()).isEqualTo(200);
    assertThat(seeded.at("/bootstrap/seed").asLong()).isEqualTo(5);
    assertThat(seeded.at("/facets/foreign_worker/0/metrics/0/confidence_interval/resamples").asInt()).isEqualTo(200);
    assertThat(seeded.at("/facets/foreign_worker/0/warnings/0").asText()).contains("4 without, fewer than 5");
    JsonNode none = JSON.readTree(work.resolve("none/analysis.json").toFile()).path("pre_training_bias_metrics");
    assertThat(none.has("bootstrap")).isFalse();
    assertThat(none.at("/facets/foreign_worker/0/metrics/0").has("confidence_interval")).isFalse();
    assertThat(bad).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).contains("--resamples many: expected a whole number from 0 to");
  }

  @Test
  void facetWithoutValuesMeasuresEachValueAgainstTheRest() throws Exception {
    Path config = config("""
        {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": ["good"],
         "facet": [{"name_or_index": "housing"}], "methods": {"pre_training_bias": {"methods": ["CI"]}}}""");

    int exit = run("bias", "--config", config.toString(), "--dataset", Samples.path(Samples.CREDIT_G).toString(),
        "--output", work.toString());

    assertThat(exit).as(err()).isEqualTo(GovflowEvaluate.OK);
    JsonNode housing = JSON.readTree(work.resolve("analysis.json").toFile())
        .at("/pre_training_bias_metrics/facets/housing");
    assertThat(housing.findValuesAsText("value_or_threshold")).containsExactly("for free", "own", "rent");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"label": "class"                                                                   | analysis_config.json
      {"label": "class", "label_values_or_threshold": ["good"], "facet": [{"name_or_index": "age"}], \
      "methods": {"pre_training_bias": {"methods": "all"}}}                                | dataset_type
      {"dataset_type": "application/jsonlines", "label": "class"}                          | dataset_type
      {"dataset_type": "text/csv", "label_values_or_threshold": ["good"], \
      "facet": [{"name_or_index": "age"}], "methods": {"pre_training_bias": {"methods": "all"}}} | label
      {"dataset_type": "text/csv", "label": "class", "facet": [{"name_or_index": "age"}], \
      "methods": {"pre_training_bias": {"methods": "all"}}}                                | label_values_or_threshold
      {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": ["good"], "facet": [], \
      "methods": {"pre_training_bias": {"methods": "all"}}}                                | facet
      {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": ["good"], \
      "facet": [{"name_or_index": "gender"}], "methods": {"pre_training_bias": {"methods": "all"}}} \
      | facet[0].name_or_index
      {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": ["good"], \
      "facet": [{"name_or_index": "age", "value_or_threshold": ["old"]}], \
      "methods": {"pre_training_bias": {"methods": "all"}}}                                | facet[0].value_or_threshold
      {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": ["good"], \
      "facet": [{"name_or_index": "age"}], "methods": {"pre_training_bias": {"methods": ["CI", "XYZ"]}}} \
      | methods.pre_training_bias.methods
      {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": ["good"], \
      "facet": [{"name_or_index": "age"}], "methods": {"shap": {}}}                        | methods
      {"dataset_type": "text/csv", "label": "class", "label_values_or_threshold": ["good"], \
      "facet": [{"name_or_index": "age", "value_or_threshold": [25]}], \
      "methods": {"post_training_bias": {"methods": "all"}}}                               | predicted_label
      {"dataset_type": "text/csv", "label": 99, "label_values_or_threshold": ["good"], \
      "facet": [{"name_or_index": "age"}], "methods": {"pre_training_bias": {"methods": "all"}}} | label
      """)
  void badConfigurationExitsWithTwoAndNamesTheField(String json, String field) throws IOException {
    int exit = run("bias", "--config", config(json).toString(), "--dataset",
        Samples.path(Samples.CREDIT_G).toString(), "--output", work.toString());

    assertThat(exit).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).startsWith("govflow-evaluate: " + field + ": ").doesNotContain("Exception", "\tat ");
    assertThat(err().strip().lines()).hasSize(1);
    assertThat(work.resolve("analysis.json")).doesNotExist();
  }

  @Test
  void missingDatasetFileIsBadInputNamingTheOption() throws Exception {
    int exit = run("bias", "--config", sampleConfig(), "--dataset", work.resolve("nope.csv").toString(),
        "--output", work.toString());

    assertThat(exit).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).startsWith("govflow-evaluate: --dataset ").contains("nope.csv: no such file");
  }

  @Test
  void unknownOptionIsBadInput() {
    assertThat(run("bias", "--confg", "x.json")).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).contains("unknown option '--confg'");
  }

  @Test
  void helpPrintsUsage() {
    assertThat(run("bias", "--help")).isEqualTo(GovflowEvaluate.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: govflow-evaluate bias --config");
  }

  /** Every metric of golden's facet report in the same facet's entry of analysis.json, to 1e-9. */
  static void compare(SoftAssertions softly, JsonNode section, JsonNode golden, String stage) {
    String column = golden.at("/facet/name_or_index").asText();
    JsonNode expected = golden.path(stage).get(0);
    String group = expected.path("value_or_threshold").asText();
    String where = golden.path("label").asText() + " / " + column + " " + group + " " + stage;
    softly.assertThat(section.path("label_value_or_threshold").asText()).as(where + " label")
        .isEqualTo(golden.path("label_value_or_threshold").asText());
    JsonNode actual = null;
    for (JsonNode facet : section.path("facets").path(column)) {
      if (facet.path("value_or_threshold").asText().equals(group)) {
        actual = facet;
      }
    }
    softly.assertThat(actual).as(where + " facet entry").isNotNull();
    if (actual == null) {
      return;
    }
    softly.assertThat(names(actual)).as(where + " metric names").isEqualTo(names(expected));
    for (JsonNode metric : expected.path("metrics")) {
      String name = metric.path("name").asText();
      JsonNode mine = null;
      for (JsonNode candidate : actual.path("metrics")) {
        mine = candidate.path("name").asText().equals(name) ? candidate : mine;
      }
      if (mine == null) {
        continue;
      }
      JsonNode value = metric.path("value");
      JsonNode mineValue = mine.path("value");
      if (value.isNull()) {
        softly.assertThat(mineValue.isNull()).as(where + " " + name + " undefined").isTrue();
      } else if (value.isTextual()) {
        softly.assertThat(mineValue.asText()).as(where + " " + name).isEqualTo(value.asText());
      } else {
        softly.assertThat(mineValue.asDouble(Double.NaN)).as(where + " " + name)
            .isCloseTo(value.asDouble(), within(TOLERANCE));
      }
    }
  }

  static List<String> names(JsonNode facet) {
    List<String> names = new ArrayList<>();
    facet.path("metrics").forEach(metric -> names.add(metric.path("name").asText()));
    return names;
  }

  int run(String... args) {
    return new GovflowEvaluate(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  Path config(String json) throws IOException {
    return Files.writeString(work.resolve("analysis_config.json"), json);
  }

  static String sampleConfig() {
    return Samples.folder().resolve("clarify/analysis_config.json").toString();
  }

  static Path golden(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(GovflowEvaluateTest.class.getResource("/golden/" + name)).toURI());
  }
}
