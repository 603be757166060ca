package io.govflow.monitoring.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.govflow.evaluation.metrics.BiasReport;
import io.govflow.evaluation.metrics.BiasReport.BiasMetric;
import io.govflow.evaluation.metrics.BiasReport.FacetResult;
import io.govflow.evaluation.metrics.BiasReport.Section;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BiasDriftCheckTest {

  @Test
  void aMetricDriftsWhenFartherFromFairThanTheBaselineByMoreThanTheTolerance() {
    BiasReport baseline = report("(25, 75]", 0.2, 0.9, 0.3);
    // DPPL -0.35 is 0.35 from fair, over 0.2 + 0.1; DI 0.85 is 0.15 from 1, within 0.1 + 0.1; AD is not checked
    BiasReport current = report("(25, 90]", -0.35, 0.85, 0.9);

    BiasDriftCheck.Violations violations = BiasDriftCheck.check(baseline, current);

    assertThat(violations.version()).isEqualTo("1.0");
    assertThat(violations.violations())
        .extracting(BiasDriftCheck.Violation::facet, BiasDriftCheck.Violation::facetValue,
            BiasDriftCheck.Violation::metricName, BiasDriftCheck.Violation::constraintCheckType)
        .containsExactly(tuple("age", "(25, 75]", "DPPL", "bias_drift_check"));
    assertThat(violations.violations().get(0).description()).startsWith("Value -0.3500 does not meet the constraint");
  }

  @Test
  void closerToFairOrUndefinedIsNoDrift() {
    BiasReport baseline = report("(25, 75]", 0.2, 0.7, 0.0);

    assertThat(BiasDriftCheck.check(baseline, report("(25, 75]", -0.1, 1.2, 0.0)).violations()).isEmpty();
    assertThat(BiasDriftCheck.check(baseline, report("(25, 75]", null, null, 0.0)).violations()).isEmpty();
  }

  private static BiasReport report(String group, Double dppl, Double di, Double ad) {
    List<BiasMetric> metrics = List.of(new BiasMetric("AD", "Accuracy Difference (AD)", ad, null, null),
        new BiasMetric("DI", "Disparate Impact (DI)", di, null, null),
        new BiasMetric("DPPL", "Difference in Positive Proportions in Predicted Labels (DPPL)", dppl, null, null));
    return new BiasReport(BiasReport.VERSION, null,
        new Section("class", "good", Map.of("age", List.of(new FacetResult(group, metrics, List.of()))), null));
  }
}
