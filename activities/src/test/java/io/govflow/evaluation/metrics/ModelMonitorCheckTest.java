package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.opencsv.CSVWriter;
import io.govflow.common.Samples;
import io.govflow.evaluation.metrics.ConstraintViolations.CheckType;
import io.govflow.evaluation.metrics.ConstraintViolations.Violation;
import io.govflow.evaluation.metrics.MonitorConstraints.ComparisonMethod;
import io.govflow.evaluation.metrics.MonitorConstraints.DistributionConstraints;
import io.govflow.evaluation.metrics.MonitorConstraints.MonitoringConfig;
import io.govflow.evaluation.metrics.MonitorConstraints.Toggle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Monitoring runs against a baseline of credit-g, its statistics and constraints read back from their JSON. */
class ModelMonitorCheckTest {

  static final MonitoringConfig SIMPLE_COMPARISON = new MonitoringConfig(null, null, null, null,
      new DistributionConstraints(null, null, ComparisonMethod.SIMPLE));

  static Table credit;
  static MonitorStatistics statistics;
  static MonitorConstraints constraints;

  @BeforeAll
  static void baselineCreditG() throws IOException {
    credit = Table.read(Files.newBufferedReader(Samples.path(Samples.CREDIT_G)));
    MonitorStatistics baseline = ModelMonitorBaseline.statistics(credit);
    statistics = EvidenceJson.read(EvidenceJson.write(baseline), MonitorStatistics.class);
    constraints = EvidenceJson.read(
        EvidenceJson.write(ModelMonitorBaseline.constraints(baseline)), MonitorConstraints.class);
  }

  @Test
  void trafficLikeTheBaselineBreaksNoConstraint() {
    assertThat(ModelMonitorCheck.check(statistics, constraints, credit).violations()).isEmpty();
  }

  @Test
  void olderApplicantsAskingForDoubleTheAmountDriftOnExactlyThoseTwoFeatures() {
    Table drifted = edited(credit, (row, r) -> {
      row.put("age", Long.toString(Long.parseLong(row.get("age")) + 15));
      row.put("credit_amount", Long.toString(Long.parseLong(row.get("credit_amount")) * 2));
    });

    List<Violation> violations = ModelMonitorCheck.check(statistics, constraints, drifted).violations();

    assertThat(violations).extracting(Violation::featureName, Violation::constraintCheckType)
        .containsExactlyInAnyOrder(
            tuple("credit_amount", CheckType.BASELINE_DRIFT_CHECK),
            tuple("age", CheckType.BASELINE_DRIFT_CHECK));
    assertThat(violations).allSatisfy(v -> assertThat(v.description())
        .contains("exceeds the comparison_threshold 0.1 (Robust: L-infinity distance")
        .contains("between 1000 baseline and 1000 current values"));
  }

  @Test
  void featureOverrideRaisesTheThresholdForThatFeatureOnly() {
    Table drifted = edited(credit, (row, r) -> {
      row.put("age", Long.toString(Long.parseLong(row.get("age")) + 15));
      row.put("credit_amount", Long.toString(Long.parseLong(row.get("credit_amount")) * 2));
    });
    MonitoringConfig tolerant = new MonitoringConfig(null, null, null, null,
        new DistributionConstraints(null, 0.95, null));
    MonitorConstraints ageTolerated = withOverride(constraints, "age", tolerant);

    assertThat(ModelMonitorCheck.check(statistics, ageTolerated, drifted).violations())
        .extracting(Violation::featureName, Violation::constraintCheckType)
        .containsExactly(tuple("credit_amount", CheckType.BASELINE_DRIFT_CHECK));
  }

  @Test
  void droppedExtraBlankAndUnknownValuesAreEachReported() {
    Table changed = edited(credit, (row, r) -> {
      row.remove("own_telephone");
      row.put("channel", "web");
      if (row.get("purpose").equals("radio/tv")) {
        row.put("purpose", "crypto");
      }
      if (r % 10 == 0) {
        row.put("duration", "");
      }
    });

    List<Violation> violations = ModelMonitorCheck.check(statistics, constraints, changed).violations();

    // radio/tv is 280 of 1000 rows: as "crypto" it is unknown to the domain and moves purpose's distribution by
    // 0.28, 0.28 - 1.8 * sqrt(2 / 1000) = 0.1995 above the threshold once the Robust allowance is taken off
    assertThat(violations).extracting(Violation::featureName, Violation::constraintCheckType)
        .containsExactlyInAnyOrder(
            tuple("duration", CheckType.COMPLETENESS_CHECK),
            tuple("purpose", CheckType.CATEGORICAL_VALUES_CHECK),
            tuple("purpose", CheckType.BASELINE_DRIFT_CHECK),
            tuple("own_telephone", CheckType.MISSING_COLUMN_CHECK),
            tuple("channel", CheckType.EXTRA_COLUMN_CHECK));
    assertThat(description(violations, CheckType.COMPLETENESS_CHECK))
        .contains("expected completeness 1.0000, observed 0.9000");
    assertThat(description(violations, CheckType.CATEGORICAL_VALUES_CHECK))
        .contains("280 of 1000 present values (0.2800)")
        .contains("domain_content_threshold 0.1")
        .contains("[crypto]");
    assertThat(description(violations, CheckType.BASELINE_DRIFT_CHECK)).contains("distance 0.1995");
  }

  @Test
  void lInfinityDistanceIsTheLargestGapBetweenTheTwoCdfs() {
    Table baseline = Table.parse("x,colour\n1,a\n2,a\n3,b\n4,c\n");
    Table current = Table.parse("x,colour\n3,a\n4,b\n5,b\n6,b\n");
    MonitorStatistics stats = ModelMonitorBaseline.statistics(baseline);
    MonitorConstraints simple = withConfig(ModelMonitorBaseline.constraints(stats), SIMPLE_COMPARISON);

    List<Violation> violations = ModelMonitorCheck.check(stats, simple, current).violations();

    // x: CDFs on the union {1..6} are (.25 .5 .75 1 1 1) and (0 0 .25 .5 .75 1): largest gap 0.5 at 2, 3 and 4;
    // colour: shares a .50/.25, b .25/.75, c .25/0: largest gap 0.5 on b
    assertThat(violations).extracting(Violation::featureName, Violation::constraintCheckType, Violation::description)
        .containsExactly(
            tuple("x", CheckType.BASELINE_DRIFT_CHECK, "Baseline drift distance 0.5000 exceeds the "
                + "comparison_threshold 0.1 (Simple: L-infinity distance 0.5000 between 4 baseline and 4 current "
                + "values)"),
            tuple("colour", CheckType.BASELINE_DRIFT_CHECK, "Baseline drift distance 0.5000 exceeds the "
                + "comparison_threshold 0.1 (Simple: L-infinity distance 0.5000 between 4 baseline and 4 current "
                + "values)"));
  }

  @Test
  void robustComparisonForgivesTheNoiseOfSmallSamples() {
    Table baseline = Table.parse("x\n1\n2\n3\n4\n");
    Table current = Table.parse("x\n3\n4\n5\n6\n");
    MonitorStatistics stats = ModelMonitorBaseline.statistics(baseline);

    // 0.5 - 1.8 * sqrt(8 / 16) < 0: four values against four cannot show drift
    assertThat(ModelMonitorCheck.judged(0.5, 4, 4, ComparisonMethod.ROBUST)).isZero();
    assertThat(ModelMonitorCheck.judged(0.5, 10_000, 10_000, ComparisonMethod.ROBUST))
        .isEqualTo(0.5 - 1.8 * Math.sqrt(2.0 / 10_000));
    assertThat(ModelMonitorCheck.check(stats, ModelMonitorBaseline.constraints(stats), current).violations())
        .isEmpty();
  }

  @Test
  void valuesOfAnotherTypeBeyondTheThresholdFailTheDataTypeCheck() {
    Table baseline = Table.parse("count\n1\n2\n3\n4\n");
    Table current = Table.parse("count\n1\n2.5\nmany\n4\n");
    MonitorStatistics stats = ModelMonitorBaseline.statistics(baseline);

    List<Violation> violations =
        ModelMonitorCheck.check(stats, ModelMonitorBaseline.constraints(stats), current).violations();

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.constraintCheckType()).isEqualTo(CheckType.DATA_TYPE_CHECK);
      assertThat(v.description())
          .contains("expected Integral, but 2 of 4 present values (0.5000) are not")
          .contains("datatype_check_threshold 0.1");
    });
  }

  @Test
  void disabledEvaluationReportsNothing() {
    MonitorConstraints disabled = withConfig(constraints,
        new MonitoringConfig(Toggle.DISABLED, null, null, null, null));
    Table changed = edited(credit, (row, r) -> row.remove("age"));

    assertThat(ModelMonitorCheck.check(statistics, disabled, changed).violations()).isEmpty();
  }

  @Test
  void featureWithEvaluationDisabledIsNotJudged() {
    Table drifted = edited(credit, (row, r) -> row.put("age", Long.toString(Long.parseLong(row.get("age")) + 15)));
    MonitorConstraints ageIgnored = withOverride(constraints, "age",
        new MonitoringConfig(Toggle.DISABLED, null, null, null, null));

    assertThat(ModelMonitorCheck.check(statistics, ageIgnored, drifted).violations()).isEmpty();
  }

  @Test
  void currentStatisticsReadEachColumnAsTheBaselineTypedIt() {
    Table baseline = Table.parse("count,name\n1,a\n2,b\n");
    Table current = Table.parse("count,name\n1.5,7\nmany,8\n");
    MonitorConstraints suggested = ModelMonitorBaseline.constraints(ModelMonitorBaseline.statistics(baseline));

    MonitorStatistics stats = ModelMonitorCheck.currentStatistics(suggested, current);

    assertThat(stats.feature("count").orElseThrow().inferredType()).isEqualTo(ColumnType.INTEGRAL);
    assertThat(stats.feature("count").orElseThrow().numericalStatistics().sum()).isEqualTo(1.5);
    assertThat(stats.feature("count").orElseThrow().numericalStatistics().common().numPresent()).isEqualTo(2);
    assertThat(stats.feature("name").orElseThrow().stringStatistics().distinctCount()).isEqualTo(2);
  }

  @Test
  void streamedRunWritesTheDocumentsOfTheTableChecks() {
    Table changed = edited(credit, (row, r) -> {
      row.remove("own_telephone");
      row.put("age", Long.toString(Long.parseLong(row.get("age")) + 15));
      if (row.get("purpose").equals("radio/tv")) {
        row.put("purpose", "crypto");
      }
    });

    ModelMonitorCheck.Result run = ModelMonitorCheck.run(statistics, constraints,
        new ByteArrayInputStream(changed.toCsv()));

    assertThat(EvidenceJson.write(run.violations()))
        .isEqualTo(EvidenceJson.write(ModelMonitorCheck.check(statistics, constraints, changed)));
    assertThat(EvidenceJson.write(run.statistics()))
        .isEqualTo(EvidenceJson.write(ModelMonitorCheck.currentStatistics(constraints, changed)));
    assertThat(run.violations().violations()).hasSize(4);
  }

  @Test
  void trafficOfMoreNewCategoriesThanAreCountedStillHasEveryOneJudged() {
    // every row a new purpose: past the category limit they are counted together, and all are outside the domain
    Table changed = edited(credit, (row, r) -> row.put("purpose", "purpose-" + r));

    ModelMonitorCheck.Result run = ModelMonitorCheck.run(statistics, constraints,
        new ByteArrayInputStream(changed.toCsv()));

    assertThat(description(run.violations().violations(), CheckType.CATEGORICAL_VALUES_CHECK))
        .contains("1000 of 1000 present values (1.0000)")
        .contains("and more, too many distinct values to list");
    assertThat(description(run.violations().violations(), CheckType.BASELINE_DRIFT_CHECK))
        .contains("between 1000 baseline and 1000 current values");
    var purpose = run.statistics().feature("purpose").orElseThrow().stringStatistics();
    assertThat(purpose.distribution()).isNull();
    assertThat(purpose.distinctCount()).isBetween(950L, 1050L);
  }

  @Test
  void violationsWriteAsModelMonitorJson() {
    ConstraintViolations violations = new ConstraintViolations(
        List.of(new Violation("age", CheckType.MISSING_COLUMN_CHECK, "gone")));

    assertThat(new String(EvidenceJson.write(violations), StandardCharsets.UTF_8))
        .contains("\"feature_name\" : \"age\"")
        .contains("\"constraint_check_type\" : \"missing_column_check\"")
        .contains("\"description\" : \"gone\"");
  }

  private static String description(List<Violation> violations, CheckType type) {
    return violations.stream().filter(v -> v.constraintCheckType() == type).findFirst().orElseThrow().description();
  }

  private static MonitorConstraints withConfig(MonitorConstraints constraints, MonitoringConfig overrides) {
    return new MonitorConstraints(constraints.version(), constraints.features(),
        constraints.monitoringConfig().overriddenBy(overrides));
  }

  private static MonitorConstraints withOverride(
      MonitorConstraints constraints, String feature, MonitoringConfig overrides) {
    return new MonitorConstraints(constraints.version(), constraints.features().stream()
        .map(f -> !f.name().equals(feature) ? f : new MonitorConstraints.Feature(f.name(), f.inferredType(),
            f.completeness(), f.numConstraints(), f.stringConstraints(), overrides))
        .toList(), constraints.monitoringConfig());
  }

  /** The table with each row (and its index) edited as a column → value map; the first row names the columns. */
  private static Table edited(Table table, BiConsumer<Map<String, String>, Integer> edit) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int r = 0; r < table.rowCount(); r++) {
      Map<String, String> row = new LinkedHashMap<>(table.row(r));
      edit.accept(row, r);
      rows.add(row);
    }
    StringWriter out = new StringWriter();
    try (CSVWriter csv = new CSVWriter(out)) {
      csv.writeNext(rows.get(0).keySet().toArray(String[]::new));
      rows.forEach(row -> csv.writeNext(row.values().toArray(String[]::new)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Table.parse(out.toString());
  }
}
