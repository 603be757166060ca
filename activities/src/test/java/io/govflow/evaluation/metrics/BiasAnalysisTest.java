package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.govflow.evaluation.metrics.BiasReport.BiasMetric;
import io.govflow.evaluation.metrics.BiasReport.FacetResult;
import io.govflow.usecase.ProtectedFacet;
import java.nio.charset.StandardCharsets;
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
    // LP  = [(1/4 - 2/3)² + (3/4 - 1/3)²]^½ = √2 · 5/12;  TVD = ½ (5/12 + 5/12) = 5/12
    assertThat(sex.valueOrThreshold()).isEqualTo("f");
    assertThat(value(sex, "CI")).isCloseTo(1 / 7.0, within(1e-12));
    assertThat(value(sex, "DPL")).isCloseTo(5 / 12.0, within(1e-12));
    assertThat(value(sex, "KL")).isCloseTo(0.362990348909315, within(1e-12));
    assertThat(value(sex, "JS")).isCloseTo(0.09024627190021621, within(1e-12));
    assertThat(value(sex, "KS")).isCloseTo(5 / 12.0, within(1e-12));
    assertThat(value(sex, "LP")).isCloseTo(Math.sqrt(2) * 5 / 12, within(1e-12));
    assertThat(value(sex, "TVD")).isCloseTo(5 / 12.0, within(1e-12));
    assertThat(metric(sex, "CDDL").value()).isNull();
    assertThat(metric(sex, "CDDL").error()).contains("no group_variable");
    assertThat(sex.metrics()).extracting(BiasMetric::name)
        .containsExactly("CDDL", "CI", "DPL", "JS", "KL", "KS", "LP", "TVD");
  }

  @Test
  void thresholdFacetPutsValuesAboveItInTheSensitiveGroup() {
    FacetResult age = onlyFacet(BiasAnalysis.preTraining(DataProfilerTest.PEOPLE, "class", "good", List.of(OVER_25))
        .preTrainingBiasMetrics().facets().get("age"));

    // d = age > 25: 30, 45, 35, 50, 28 -> 5 rows, 2 good (35, 50) -> qd = 2/5; a = 22, 23 -> 2 rows, both good
    // CI = (2 - 5) / 7 = -3/7; DPL = 1 - 2/5 = 0.6; KL = 1 ln(1 / 0.4) = 0.916291
    // "bad" never occurs in a, so Clarify compares the shared outcome "good" only: Pa = (1), Pd = (0.4)
    // JS: P = (0.7) -> ½ [ln(1/0.7) + 0.4 ln(0.4/0.7)] = 0.066414
    assertThat(age.valueOrThreshold()).isEqualTo("(25, 50]");
    assertThat(value(age, "CI")).isCloseTo(-3 / 7.0, within(1e-12));
    assertThat(value(age, "DPL")).isCloseTo(0.6, within(1e-12));
    assertThat(value(age, "KL")).isCloseTo(0.9162907318741551, within(1e-12));
    assertThat(value(age, "JS")).isCloseTo(0.06641431438228168, within(1e-12));
    assertThat(value(age, "KS")).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void distancesLeaveOutAnOutcomeThatOneGroupNeverHasAsClarifyDoes() {
    Table table = Table.parse("g,class\nx,yes\nx,no\ny,yes\ny,yes\n");

    FacetResult y = onlyFacet(BiasAnalysis.preTraining(table, "class", "yes",
        List.of(new ProtectedFacet("g", List.of("y"), null))).preTrainingBiasMetrics().facets().get("g"));

    // Pa = (1/2, 1/2), Pd = (0, 1): "no" never occurs in d, so Clarify compares "yes" alone, Pa = (1/2), Pd = (1):
    // KL = 1/2 ln(1/2), negative, where the full distributions would make it infinite
    assertThat(value(y, "KL")).isCloseTo(0.5 * Math.log(0.5), within(1e-12));
    assertThat(value(y, "KS")).isCloseTo(0.5, within(1e-12));
    assertThat(value(y, "TVD")).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void facetValueAbsentFromTheDataLeavesEveryMetricUndefined() {
    FacetResult none = onlyFacet(BiasAnalysis.preTraining(DataProfilerTest.PEOPLE, "class", "good",
        List.of(new ProtectedFacet("sex", List.of("x"), null))).preTrainingBiasMetrics().facets().get("sex"));

    assertThat(none.metrics()).filteredOn(metric -> !metric.name().equals("CDDL")).allSatisfy(metric -> {
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
    // DCR  = 2/1 - 1/2 = 3/2 (observed over predicted rejections, d minus a)
    // DRR  = 1/1 - 1/2 = 1/2 (TN over predicted rejections, d minus a)
    // RD   = 2/3 - 1/1 = -1/3          SD  = 1/2 - 1/1 = -1/2
    // TE   = FNd/FPd - FNa/FPa = 0/1 - 1/0: Clarify's x/0 is infinity, so TE = -infinity
    // GE   over all 7 rows: benefits ŷ - y + 1 = 1 2 1 1 1 0 1, mean 1 -> (3 - 1) / (2 · 7) = 1/7
    assertThat(value(sex, "DPPL")).isCloseTo(-1 / 6.0, within(1e-12));
    assertThat(value(sex, "DI")).isCloseTo(4 / 3.0, within(1e-12));
    assertThat(value(sex, "DCA")).isCloseTo(1.0, within(1e-12));
    assertThat(value(sex, "DAR")).isCloseTo(0.5, within(1e-12));
    assertThat(value(sex, "AD")).isCloseTo(1 / 12.0, within(1e-12));
    assertThat(value(sex, "DCR")).isCloseTo(1.5, within(1e-12));
    assertThat(value(sex, "DRR")).isCloseTo(0.5, within(1e-12));
    assertThat(value(sex, "RD")).isCloseTo(-1 / 3.0, within(1e-12));
    assertThat(value(sex, "SD")).isCloseTo(-0.5, within(1e-12));
    assertThat(value(sex, "TE")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(value(sex, "GE")).isCloseTo(1 / 7.0, within(1e-12));
    // income has a missing value: no distance to that row, as scikit-learn refuses NaN
    assertThat(metric(sex, "FT").error()).contains("missing feature values");
    assertThat(sex.metrics()).extracting(BiasMetric::name).containsExactly(
        "AD", "CDDPL", "DAR", "DCA", "DCR", "DI", "DPPL", "DRR", "FT", "GE", "RD", "SD", "TE");
  }

  @Test
  void noFavourablePredictionLeavesEveryPostTrainingMetricUndefinedAsClarifyRefusesTheReport() {
    List<String> allBad = List.of("bad", "bad", "bad", "bad", "bad", "bad", "bad");

    FacetResult sex = onlyFacet(BiasAnalysis.postTraining(DataProfilerTest.PEOPLE, "class", "good", allBad,
        List.of(WOMEN)).postTrainingBiasMetrics().facets().get("sex"));

    assertThat(sex.metrics()).hasSize(13).allSatisfy(metric -> {
      assertThat(metric.value()).isNull();
      assertThat(metric.error()).contains("predicts the favourable outcome for no row");
    });
  }

  @Test
  void ratiosOverZeroAreInfiniteOrZeroAsInClarifyAndWrittenAsInfinity() {
    Table table = Table.parse("g,class\nx,yes\nx,no\ny,yes\ny,no\n");
    List<String> predicted = List.of("no", "no", "yes", "no");

    BiasReport report = BiasAnalysis.postTraining(table, "class", "yes", predicted,
        List.of(new ProtectedFacet("g", List.of("y"), null)));
    FacetResult y = onlyFacet(report.postTrainingBiasMetrics().facets().get("g"));

    // a = x: nothing predicted favourable, q̂a = 0; d = y: q̂d = 1/2 -> DI = (1/2) / 0 = infinity
    // DCA = na(1)/n̂a(1) - nd(1)/n̂d(1) = 1/0 - 1/1 = infinity; DAR = TPa/n̂a(1) - ... = 0/0 - 1/1 = -1
    assertThat(value(y, "DI")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(value(y, "DCA")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(value(y, "DAR")).isCloseTo(-1.0, within(1e-12));
    assertThat(new String(EvidenceJson.write(report), StandardCharsets.UTF_8))
        .contains("\"name\" : \"DI\"", "\"value\" : \"Infinity\"");
  }

  @Test
  void conditionalDemographicDisparityWeighsEachGroupByItsSize() {
    Table table = Table.parse("sex,dept,class\nf,x,yes\nf,x,no\nm,x,yes\nm,x,yes\nf,y,no\nm,y,no\nm,y,yes\n");

    FacetResult women = onlyFacet(BiasAnalysis.preTraining(table, FavourableOutcome.of("class", "yes"),
        List.of(new ProtectedFacet("sex", List.of("f"), null)), "dept").preTrainingBiasMetrics().facets().get("sex"));

    // dept x (4 rows): f is 1 of 1 rejected and 1 of 3 accepted -> DD = 1 - 1/3 = 2/3
    // dept y (3 rows): f is 1 of 2 rejected and 0 of 1 accepted -> DD = 1/2
    // CDDL = (4 · 2/3 + 3 · 1/2) / 7 = 25/42
    assertThat(value(women, "CDDL")).isCloseTo(25 / 42.0, within(1e-12));
  }

  @Test
  void flipTestAsksTheNearestRowOfGroupAWhatTheModelWouldPredict() {
    Table table = Table.parse("g,x,class\na,1,yes\na,10,no\nd,2,no\nd,9,no\nd,0,yes\n");
    List<String> predicted = List.of("yes", "no", "no", "no", "yes");

    FacetResult d = onlyFacet(BiasAnalysis.postTraining(table, "class", "yes", predicted,
        List.of(new ProtectedFacet("g", List.of("d"), null))).postTrainingBiasMetrics().facets().get("g"));

    // two rows in a, so one neighbour: x=2 is nearest x=1 (yes) but the model says no -> one flip to unfavourable;
    // x=9 is nearest x=10 (no), x=0 nearest x=1 (yes): as the model -> FT = (0 - 1) / 3
    assertThat(value(d, "FT")).isCloseTo(-1 / 3.0, within(1e-12));
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
