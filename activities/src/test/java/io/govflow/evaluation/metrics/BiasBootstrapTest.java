package io.govflow.evaluation.metrics;

import static io.govflow.evaluation.metrics.BiasAnalysisTest.metric;
import static io.govflow.evaluation.metrics.BiasAnalysisTest.onlyFacet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Samples;
import io.govflow.evaluation.metrics.BiasReport.BiasMetric;
import io.govflow.evaluation.metrics.BiasReport.ConfidenceInterval;
import io.govflow.evaluation.metrics.BiasReport.FacetResult;
import io.govflow.evidence.EvidenceRef;
import io.govflow.policy.EvidenceMeasurements;
import io.govflow.policy.Measurement;
import io.govflow.usecase.ProtectedFacet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bootstrap confidence intervals and small-group warnings on credit-g, beyond what Clarify writes. */
class BiasBootstrapTest {

  static final FavourableOutcome GOOD = FavourableOutcome.of("class", "good");
  static final FavourableOutcome GOOD_YES = FavourableOutcome.of("class", "yes");
  static final ProtectedFacet WOMEN = new ProtectedFacet("personal_status", List.of("female div/dep/mar"), null);
  static final ProtectedFacet FOREIGN = new ProtectedFacet("foreign_worker", List.of("yes"), null);

  static Table credit;

  @BeforeAll
  static void readCreditG() throws IOException {
    credit = Table.read(Files.newBufferedReader(Samples.path(Samples.CREDIT_G)));
  }

  @Test
  void everyDefinedMetricHasASeededIntervalAroundItsValue() {
    BiasReport report = pre(List.of(WOMEN), Bootstrap.of(500, 7));
    FacetResult women = onlyFacet(report.preTrainingBiasMetrics().facets().get("personal_status"));

    assertThat(report.preTrainingBiasMetrics().bootstrap()).isEqualTo(new Bootstrap("percentile", 500, 7, 0.95));
    for (BiasMetric metric : women.metrics()) {
      if (metric.value() == null) {
        assertThat(metric.confidenceInterval()).as(metric.name()).isNull();
      } else {
        ConfidenceInterval interval = metric.confidenceInterval();
        assertThat(interval.resamples()).as(metric.name()).isEqualTo(500);
        assertThat(interval.lower()).as(metric.name()).isLessThan(metric.value());
        assertThat(interval.upper()).as(metric.name()).isGreaterThan(metric.value());
      }
    }
    // 310 women in 1000 rows: CI = 0.38, whose binomial standard error 2 * sqrt(.31 * .69 / 1000) = 0.029 makes a
    // 95 % interval of about +-0.057
    ConfidenceInterval ci = metric(women, "CI").confidenceInterval();
    assertThat(ci.upper() - ci.lower()).isCloseTo(2 * 1.96 * 0.0292, within(0.015));
    assertThat(pre(List.of(WOMEN), Bootstrap.of(500, 7))).isEqualTo(report);
    assertThat(pre(List.of(WOMEN), Bootstrap.of(500, 8))).isNotEqualTo(report);
  }

  @Test
  void postTrainingIntervalsCoverEveryMetricButTheFlipTestOnText() throws IOException {
    List<String> predicted = Table.parse(Files.readAllBytes(
        Samples.folder().resolveSibling("activities/src/test/resources/golden/credit-g-predictions.csv")))
        .column("predicted_label");

    FacetResult women = onlyFacet(BiasAnalysis.postTraining(credit, GOOD, predicted, List.of(WOMEN), "purpose",
        BiasAnalysis.postTrainingMethods(), Bootstrap.DEFAULT).postTrainingBiasMetrics().facets()
        .get("personal_status"));

    assertThat(women.metrics()).filteredOn(m -> m.confidenceInterval() == null).extracting(BiasMetric::name)
        .containsExactly("FT");
    assertThat(metric(women, "DI").confidenceInterval().lower()).isGreaterThan(1.0);
  }

  @Test
  void flipTestIntervalResamplesTheFlipsOfGroupD() {
    Table table = Table.parse("x,class\n1,yes\n2,no\n10,no\n9,no\n0,yes\n3,yes\n11,no\n");
    List<String> predicted = List.of("yes", "no", "no", "no", "yes", "no", "yes");
    ProtectedFacet below5 = new ProtectedFacet("x", null, 5.0);

    FacetResult above = onlyFacet(BiasAnalysis.postTraining(table, GOOD_YES, predicted, List.of(below5), null,
        List.of("FT"), Bootstrap.of(200, 1)).postTrainingBiasMetrics().facets().get("x"));

    BiasMetric ft = metric(above, "FT");
    assertThat(ft.confidenceInterval().lower()).isLessThanOrEqualTo(ft.value());
    assertThat(ft.confidenceInterval().upper()).isGreaterThanOrEqualTo(ft.value());
    assertThat(ft.confidenceInterval().upper()).isLessThanOrEqualTo(1.0);
  }

  @Test
  void groupsTooSmallToJudgeAreWarnedAbout() {
    FacetResult foreign = onlyFacet(pre(List.of(FOREIGN), Bootstrap.of(50, 1)).preTrainingBiasMetrics().facets()
        .get("foreign_worker"));
    FacetResult people = onlyFacet(BiasAnalysis.preTraining(DataProfilerTest.PEOPLE, "class", "good",
        List.of(BiasAnalysisTest.WOMEN)).preTrainingBiasMetrics().facets().get("sex"));

    // 37 rows are not foreign workers, only 4 of them with a bad credit
    assertThat(foreign.warnings()).singleElement().asString()
        .startsWith("group a (the rows outside foreign_worker = yes) has 33 rows with the favourable label and 4 "
            + "without, fewer than 5 of one outcome");
    assertThat(people.warnings()).containsExactly(
        "group d (sex = f) has 3 rows, fewer than 30: every metric comparing it rests on too few rows to mean "
            + "anything",
        "group a (the rows outside sex = f) has 4 rows, fewer than 30: every metric comparing it rests on too few "
            + "rows to mean anything");
    assertThat(onlyFacet(pre(List.of(WOMEN), null).preTrainingBiasMetrics().facets().get("personal_status"))
        .warnings()).isEmpty();
  }

  @Test
  void clarifysFieldsStayAsTheyWereAndThePolicyReaderStillReadsEveryMetric() throws IOException {
    BiasReport withIntervals = pre(List.of(WOMEN, FOREIGN), Bootstrap.of(100, 3));
    JsonNode json = new ObjectMapper().readTree(EvidenceJson.write(withIntervals));
    JsonNode plain = new ObjectMapper().readTree(EvidenceJson.write(pre(List.of(WOMEN, FOREIGN), null)));

    JsonNode dpl = json.at("/pre_training_bias_metrics/facets/personal_status/0/metrics/2");
    assertThat(dpl.path("name").asText()).isEqualTo("DPL");
    assertThat(dpl.path("confidence_interval").path("level").asDouble()).isEqualTo(0.95);
    assertThat(json.at("/pre_training_bias_metrics/bootstrap/seed").asLong()).isEqualTo(3);
    assertThat(plain.at("/pre_training_bias_metrics/bootstrap").isMissingNode()).isTrue();
    assertThat(new String(EvidenceJson.write(pre(List.of(WOMEN), null)), StandardCharsets.UTF_8))
        .doesNotContain("confidence_interval").doesNotContain("warnings");

    List<Measurement> measured = EvidenceMeasurements.of(EvidenceRef.PRE_TRAINING_BIAS, json);
    assertThat(measured).hasSize(16).isEqualTo(EvidenceMeasurements.of(EvidenceRef.PRE_TRAINING_BIAS, plain));
    assertThat(measured).filteredOn(m -> m.subject().equals("personal_status=female div/dep/mar")
        && m.metric().equals("DPL")).singleElement().extracting(Measurement::value)
        .isEqualTo(dpl.path("value").asDouble());
  }

  @Test
  void quantilesInterpolateAndErrWideNextToInfinity() {
    double[] sorted = {1, 2, 3, 4, 5};
    double[] withInfinity = {Double.NEGATIVE_INFINITY, 1, 2, 3, Double.POSITIVE_INFINITY};

    assertThat(BiasBootstrap.quantile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
    assertThat(BiasBootstrap.quantile(sorted, 0.5)).isEqualTo(3.0);
    assertThat(BiasBootstrap.quantile(withInfinity, 0.025)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(BiasBootstrap.quantile(withInfinity, 0.975)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(BiasBootstrap.quantile(withInfinity, 0.5)).isEqualTo(2.0);
  }

  private static BiasReport pre(List<ProtectedFacet> facets, Bootstrap bootstrap) {
    return BiasAnalysis.preTraining(credit, GOOD, facets, "purpose", BiasAnalysis.preTrainingMethods(), bootstrap);
  }
}
