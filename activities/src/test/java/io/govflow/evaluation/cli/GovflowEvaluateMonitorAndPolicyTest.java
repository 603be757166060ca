package io.govflow.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * govflow-evaluate's baseline, monitor and policy commands as a user runs them: Model Monitor's files and a policy
 * result written from local files, and input that cannot be used refused with exit code 2 and the reason.
 */
class GovflowEvaluateMonitorAndPolicyTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path work;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void baselineWritesStatisticsAndConstraintsOfEveryColumn() throws Exception {
    int exit = run("baseline", "--dataset", creditG(), "--output", work.toString());

    assertThat(exit).as(err()).isEqualTo(GovflowEvaluate.OK);
    JsonNode statistics = JSON.readTree(work.resolve("statistics.json").toFile());
    JsonNode constraints = JSON.readTree(work.resolve("constraints.json").toFile());
    assertThat(statistics.path("dataset").path("item_count").asLong()).isEqualTo(1000);
    assertThat(names(statistics.path("features"))).hasSize(21).contains("age", "credit_amount", "class");
    assertThat(names(constraints.path("features"))).isEqualTo(names(statistics.path("features")));
    assertThat(feature(statistics, "age").path("inferred_type").asText()).isEqualTo("Integral");
    assertThat(feature(statistics, "purpose").path("inferred_type").asText()).isEqualTo("String");
  }

  @Test
  void monitorFindsDriftOnExactlyTheShiftedColumns() throws Exception {
    run("baseline", "--dataset", creditG(), "--output", work.resolve("baseline").toString());
    Path traffic = drifted();

    int exit = run("monitor", "--statistics", work.resolve("baseline/statistics.json").toString(),
        "--constraints", work.resolve("baseline/constraints.json").toString(), "--dataset", traffic.toString(),
        "--output", work.resolve("monitor").toString());

    assertThat(exit).as(err()).isEqualTo(GovflowEvaluate.OK);
    JsonNode violations = JSON.readTree(work.resolve("monitor/constraint_violations.json").toFile()).path("violations");
    assertThat(StreamSupport.stream(violations.spliterator(), false)
        .map(v -> v.path("feature_name").asText() + " " + v.path("constraint_check_type").asText()).toList())
        .containsExactlyInAnyOrder("age baseline_drift_check", "credit_amount baseline_drift_check");
    assertThat(work.resolve("monitor/statistics.json")).exists();
    assertThat(out()).contains("2 constraint violations: ").contains("age baseline_drift_check")
        .contains("credit_amount baseline_drift_check");
  }

  @Test
  void monitorOfTheBaselineDataItselfFindsNoViolation() throws Exception {
    run("baseline", "--dataset", creditG(), "--output", work.toString());

    int exit = run("monitor", "--statistics", work.resolve("statistics.json").toString(),
        "--constraints", work.resolve("constraints.json").toString(), "--dataset", creditG(),
        "--output", work.resolve("monitor").toString());

    assertThat(exit).as(err()).isEqualTo(GovflowEvaluate.OK);
    assertThat(JSON.readTree(work.resolve("monitor/constraint_violations.json").toFile()).path("violations"))
        .isEmpty();
    assertThat(out()).contains("no constraint violations");
  }

  @Test
  void policyJudgesGivenEvidenceAndFailsRulesWhoseEvidenceIsMissing() throws Exception {
    run("bias", "--config", GovflowEvaluateTest.sampleConfig(), "--dataset", creditG(), "--predictions",
        GovflowEvaluateTest.golden("credit-g-predictions.csv").toString(), "--output", work.toString());

    int exit = run("policy", "--tier", "low", "--evidence", "post-training-bias=" + work.resolve("analysis.json"),
        "--output", work.resolve("policy").toString());

    assertThat(exit).as(err()).isEqualTo(GovflowEvaluate.OK);
    JsonNode result = JSON.readTree(work.resolve("policy/policy-result.json").toFile());
    assertThat(result.path("tier").asText()).isEqualTo("low");
    assertThat(result.path("policy_version").asText()).isEqualTo("low-2026.1");
    assertThat(result.path("passed").asBoolean()).isFalse();
    assertThat(result.path("evidence_sha256").path("post-training-bias").asText()).hasSize(64);
    List<JsonNode> findings = new ArrayList<>();
    result.path("findings").forEach(findings::add);
    assertThat(findings).filteredOn(f -> f.path("metric").asText().equals("DPPL"))
        .isNotEmpty()
        .allSatisfy(f -> {
          assertThat(f.path("subject").asText()).isNotEmpty();
          assertThat(f.path("measured").isNumber()).isTrue();
        });
    assertThat(findings).filteredOn(f -> f.path("metric").asText().equals("auc"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.path("measured").isNull()).isTrue();
          assertThat(f.path("passed").asBoolean()).isFalse();
        });
    assertThat(out()).contains("failed the low policy version low-2026.1: 6 of 15 findings failed");
  }

  @Test
  void policyWithAnUnknownTierIsBadInput() {
    int exit = run("policy", "--tier", "extreme", "--evidence", "model-quality=x.json", "--output", work.toString());

    assertThat(exit).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).isEqualTo("govflow-evaluate: --tier extreme: the tiers are low, medium and high\n");
  }

  @Test
  void policyEvidenceWithoutANameIsBadInput() {
    int exit = run("policy", "--tier", "high", "--evidence", "analysis.json", "--output", work.toString());

    assertThat(exit).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).contains("--evidence analysis.json: expected name=file.json");
  }

  @Test
  void policyEvidenceThatIsNotJsonIsBadInput() throws Exception {
    Path broken = Files.writeString(work.resolve("broken.json"), "{not json");

    int exit = run("policy", "--tier", "high", "--evidence", "model-quality=" + broken, "--output", work.toString());

    assertThat(exit).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).startsWith("govflow-evaluate: --evidence model-quality ").contains("broken.json: not JSON");
  }

  @Test
  void policyFolderThatIsNotADirectoryIsBadInput() {
    int exit = run("policy", "--tier", "low", "--policy-folder", work.resolve("nowhere").toString(),
        "--evidence", "model-quality=x.json", "--output", work.toString());

    assertThat(exit).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).contains("--policy-folder ").contains("nowhere: not a directory");
  }

  @Test
  void monitorWithStatisticsThatAreNotJsonIsBadInput() throws Exception {
    Path broken = Files.writeString(work.resolve("statistics.json"), "[1, 2");

    int exit = run("monitor", "--statistics", broken.toString(), "--constraints", broken.toString(),
        "--dataset", creditG(), "--output", work.toString());

    assertThat(exit).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).startsWith("govflow-evaluate: --statistics ").contains("not a readable MonitorStatistics");
  }

  @Test
  void monitorWithoutConstraintsIsBadInput() {
    int exit = run("monitor", "--statistics", "s.json", "--dataset", creditG(), "--output", work.toString());

    assertThat(exit).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).isEqualTo("govflow-evaluate: missing --constraints (see --help)\n");
  }

  @Test
  void modelQualityBaselineAndMonitorWriteModelMonitorsBinaryClassificationFiles() throws Exception {
    Path baseline = Files.writeString(work.resolve("validation.csv"), """
        label,prediction,probability
        1,1,0.9
        1,1,0.8
        1,0,0.4
        0,0,0.2
        0,1,0.6
        0,0,0.1
        """);
    Path later = Files.writeString(work.resolve("labelled-traffic.csv"), """
        label,prediction,probability
        1,0,0.4
        1,0,0.3
        1,1,0.7
        0,1,0.8
        0,1,0.6
        0,0,0.1
        """);

    int baselined = run("baseline", "--problem-type", "BinaryClassification", "--dataset", baseline.toString(),
        "--output", work.resolve("baseline").toString());
    int monitored = run("monitor", "--problem-type", "BinaryClassification", "--constraints",
        work.resolve("baseline/constraints.json").toString(), "--dataset", later.toString(),
        "--output", work.resolve("monitor").toString());

    assertThat(baselined).as(err()).isEqualTo(GovflowEvaluate.OK);
    assertThat(monitored).as(err()).isEqualTo(GovflowEvaluate.OK);
    JsonNode constraints = JSON.readTree(work.resolve("baseline/constraints.json").toFile());
    assertThat(constraints.at("/binary_classification_constraints/accuracy/threshold").asDouble())
        .isEqualTo(4 / 6.0);
    JsonNode statistics = JSON.readTree(work.resolve("monitor/statistics.json").toFile());
    assertThat(statistics.at("/binary_classification_metrics/accuracy/value").asDouble()).isEqualTo(2 / 6.0);
    JsonNode violations = JSON.readTree(work.resolve("monitor/constraint_violations.json").toFile());
    assertThat(violations.path("violations").findValuesAsText("metric_name")).contains("accuracy", "auc");
    assertThat(out()).contains("accuracy LessThanThreshold");
  }

  @Test
  void modelQualityOfAnotherProblemTypeOrWithoutItsColumnsIsBadInput() throws Exception {
    Path predictions = Files.writeString(work.resolve("p.csv"), "truth,prediction,probability\n1,1,0.9\n");

    int regression = run("baseline", "--problem-type", "Regression", "--dataset", predictions.toString(),
        "--output", work.toString());
    String regressionError = err();
    int unnamed = run("baseline", "--problem-type", "BinaryClassification", "--dataset", predictions.toString(),
        "--output", work.toString());

    assertThat(regression).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(regressionError).contains("--problem-type Regression: govflow monitors the quality of "
        + "BinaryClassification models");
    assertThat(unnamed).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).contains("--dataset has no column 'label'").contains("--ground-truth-attribute");
  }

  @Test
  void baselineOfAMissingDatasetIsBadInput() {
    int exit = run("baseline", "--dataset", work.resolve("nope.csv").toString(), "--output", work.toString());

    assertThat(exit).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).startsWith("govflow-evaluate: --dataset ").contains("nope.csv: no such file");
  }

  @Test
  void baselineOfARaggedCsvIsBadInput() throws Exception {
    Path ragged = Files.writeString(work.resolve("ragged.csv"), "a,b\n1,2\n3\n");

    int exit = run("baseline", "--dataset", ragged.toString(), "--output", work.toString());

    assertThat(exit).isEqualTo(GovflowEvaluate.BAD_INPUT);
    assertThat(err()).contains("--dataset data row 2 has 1 values but the header names 2 columns");
  }

  /** credit-g with every applicant 15 years older and asking for twice the amount. */
  Path drifted() throws IOException {
    List<String> lines = Files.readAllLines(Samples.path(Samples.CREDIT_G));
    List<String> header = List.of(lines.get(0).split(","));
    int age = header.indexOf("age");
    int amount = header.indexOf("credit_amount");
    List<String> shifted = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] values = line.split(",", -1);
      values[age] = String.valueOf(Integer.parseInt(values[age]) + 15);
      values[amount] = String.valueOf(Integer.parseInt(values[amount]) * 2);
      shifted.add(String.join(",", values));
    }
    return Files.write(work.resolve("traffic.csv"), shifted);
  }

  static String creditG() {
    return Samples.path(Samples.CREDIT_G).toString();
  }

  static List<String> names(JsonNode features) {
    return StreamSupport.stream(features.spliterator(), false).map(f -> f.path("name").asText()).toList();
  }

  static JsonNode feature(JsonNode document, String name) {
    return StreamSupport.stream(document.path("features").spliterator(), false)
        .filter(f -> f.path("name").asText().equals(name)).findFirst().orElseThrow();
  }

  int run(String... args) {
    return new GovflowEvaluate(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
