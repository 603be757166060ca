package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.govflow.evaluation.metrics.BiasReport.BiasMetric;
import io.govflow.evaluation.metrics.BiasReport.FacetResult;
import io.govflow.usecase.ProtectedFacet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BiasAnalysisTest {

  static final ProtectedFacet WOMEN = new ProtectedFacet("sex", List.of("f"), null);
  static final ProtectedFacet OVER_25 = new ProtectedFacet("age", null, 25.0);

  @Test
  void preTrainingMetricsOfACategoricalFacet() {
    FacetResult sex = onlyFacet(BiasAnalysis.preTraining(DataProfilerTest.PEOPLE, "class", "good", List.of(WOMEN))
        .preTrainingBiasMetrics().facets().get("sex"));

    // d = sex f: 3 rows, 1 good -> qd = 1/3; a = sex m: 4 rows, 3 good -> qa = 3/4
    // CI  = (4 - 3) / (4 + 3) = 1/7
    // DPL = 3/4 - 1/3 = 5/12
    // KL  = 3/4 ln((3/4) / (1/3)) + 1/4 ln((1/4) / (2/3)) = 0.362990
    // JS  = ½ [KL(Pa ‖ P) + KL(Pd ‖ P)], P = (13/24, 11/24) -> ½ (0.092533 + 0.087959) = 0.090246
    // KS  = |3/4 - 1/3| = 5/12
    assertThat(sex.valueOrThreshold()).isEqualTo("f");
    assertThat(value(sex, "CI")).isCloseTo(1 / 7.0, within(1e-12));
    assertThat(value(sex, "DPL")).isCloseTo(5 / 12.0, within(1e-12));
    assertThat(value(sex, "KL")).isCloseTo(0.362990348909315, within(1e-12));
    assertThat(value(sex, "JS")).isCloseTo(0.09024627190021621, within(1e-12));
    assertThat(value(sex, "KS")).isCloseTo(5 / 12.0, within(1e-12));
    assertThat(sex.metrics()).extracting(BiasMetric::name).containsExactly("CI", "DPL", "JS", "KL", "KS");
  }

  @Test
  void thresholdFacetPutsValuesAboveItInTheSensitiveGroup() {
    FacetResult age = onlyFacet(BiasAnalysis.preTraining(DataProfilerTest.PEOPLE, "class", "good", List.of(OVER_25))
        .preTrainingBiasMetrics().facets().get("age"));

    // d = age > 25: 30, 45, 35, 50, 28 -> 5 rows, 2 good (35, 50) -> qd = 2/5; a = 22, 23 -> 2 rows, both good
    // CI = (2 - 5) / 7 = -3/7; DPL = 1 - 2/5 = 0.6; KL = 1 ln(1 / 0.4) = 0.916291
    // JS: P = (0.7, 0.3) -> ½ [ln(1/0.7) + 0.4 ln(0.4/0.7) + 0.6 ln(0.6/0.3)] = 0.274358
    assertThat(age.valueOrThreshold()).isEqualTo("25");
    assertThat(value(age, "CI")).isCloseTo(-3 / 7.0, within(1e-12));
    assertThat(value(age, "DPL")).isCloseTo(0.6, within(1e-12));
    assertThat(value(age, "KL")).isCloseTo(0.9162907318741551, within(1e-12));
    assertThat(value(age, "JS")).isCloseTo(0.2743584685502652, within(1e-12));
    assertThat(value(age, "KS")).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void klIsUndefinedWhenAnOutcomeOfGroupANeverOccursInGroupD() {
    Table table = Table.parse("g,class\nx,yes\nx,no\ny,yes\ny,yes\n");

    FacetResult y = onlyFacet(BiasAnalysis.preTraining(table, "class", "yes",
        List.of(new ProtectedFacet("g", List.of("y"), null))).preTrainingBiasMetrics().facets().get("g"));

    // Pa = (1/2, 1/2), Pd = (1, 0): "no" occurs in a but never in d, so KL(Pa ‖ Pd) is infinite
    assertThat(metric(y, "KL").value()).isNull();
    assertThat(metric(y, "KL").error()).contains("KL is infinite");
    assertThat(value(y, "KS")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void facetValueAbsentFromTheDataLeavesEveryMetricUndefined() {
    FacetResult none = onlyFacet(BiasAnalysis.preTraining(DataProfilerTest.PEOPLE, "class", "good",
        List.of(new ProtectedFacet("sex", List.of("x"), null))).preTrainingBiasMetrics().facets().get("sex"));

    assertThat(none.metrics()).allSatisfy(metric -> {
      assertThat(metric.value()).isNull();
      assertThat(metric.error()).contains("no row is in the sensitive group d");
    });
  }

  @Test
  void postTrainingMetricsCompareAcceptanceAcrossGroups() {
    // row:       f22  f30  f45  m23  m35  m50  m28
    // observed:  good bad  bad  good good good bad
    // predicted: good good bad  good good bad  bad
    List<String> predicted = List.of("good", "good", "bad", "good", "good", "bad", "bad");

    FacetResult sex = onlyFacet(BiasAnalysis.postTraining(DataProfilerTest.PEOPLE, "class", "good", predicted,
        List.of(WOMEN)).postTrainingBiasMetrics().facets().get("sex"));

    // a = m: n 4, observed good 3, predicted good 2, TP 2, TN 1
    // d = f: n 3, observed good 1, predicted good 2, TP 1, TN 1
    // DPPL = 2/4 - 2/3 = -1/6          DI  = (2/3) / (2/4) = 4/3
    // DCA  = 3/2 - 1/2 = 1             DAR = 2/2 - 1/2 = 1/2
    // AD   = (2 + 1)/4 - (1 + 1)/3 = 1/12
    assertThat(value(sex, "DPPL")).isCloseTo(-1 / 6.0, within(1e-12));
    assertThat(value(sex, "DI")).isCloseTo(4 / 3.0, within(1e-12));
    assertThat(value(sex, "DCA")).isCloseTo(1.0, within(1e-12));
    assertThat(value(sex, "DAR")).isCloseTo(0.5, within(1e-12));
    assertThat(value(sex, "AD")).isCloseTo(1 / 12.0, within(1e-12));
    assertThat(sex.metrics()).extracting(BiasMetric::name).containsExactly("AD", "DAR", "DCA", "DI", "DPPL");
  }

  @Test
  void ratiosOverNoFavourablePredictionAreUndefined() {
    List<String> allBad = List.of("bad", "bad", "bad", "bad", "bad", "bad", "bad");

    FacetResult sex = onlyFacet(BiasAnalysis.postTraining(DataProfilerTest.PEOPLE, "class", "good", allBad,
        List.of(WOMEN)).postTrainingBiasMetrics().facets().get("sex"));

    // a: TN = 1 of 4 (m28); d: TN = 2 of 3 (f30, f45) -> AD = 1/4 - 2/3
    assertThat(value(sex, "DPPL")).isEqualTo(0.0);
    assertThat(value(sex, "AD")).isCloseTo(1 / 4.0 - 2 / 3.0, within(1e-12));
    assertThat(metric(sex, "DI").value()).isNull();
    assertThat(metric(sex, "DI").error()).isEqualTo("the model predicts no favourable outcome in group a");
    assertThat(metric(sex, "DCA").value()).isNull();
    assertThat(metric(sex, "DAR").value()).isNull();
  }

  @Test
  void twoFacetsOnOneColumnAreListedUnderIt() {
    BiasReport report = BiasAnalysis.preTraining(DataProfilerTest.PEOPLE, "class", "good",
        List.of(WOMEN, new ProtectedFacet("sex", List.of("m"), null)));

    assertThat(report.preTrainingBiasMetrics().facets().get("sex"))
        .extracting(FacetResult::valueOrThreshold).containsExactly("f", "m");
    assertThat(report.postTrainingBiasMetrics()).isNull();
    assertThat(report.version()).isEqualTo("1.0");
  }

  static FacetResult onlyFacet(List<FacetResult> results) {
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  static BiasMetric metric(FacetResult facet, String name) {
    return facet.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  static double value(FacetResult facet, String name) {
    Double value = metric(facet, name).value();
    assertThat(value).as(name).isNotNull();
    return value;
  }
}
