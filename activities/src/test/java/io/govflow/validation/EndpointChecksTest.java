package io.govflow.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.govflow.policy.Comparison;
import io.govflow.policy.Finding;
import io.govflow.policy.Severity;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EndpointChecksTest {

  @Test
  void slowTailFailsTheLatencyBudgetAndTheValidation() {
    double[] latencies = new double[100];
    Arrays.fill(latencies, 20);
    latencies[98] = 1500;
    latencies[99] = 1800;
    EndpointChecks checks = new EndpointChecks("gf-uc-17-test");

    checks.latency(latencies);

    assertThat(checks.passed()).isFalse();
    assertThat(checks.all()).singleElement().satisfies(latency -> {
      assertThat(latency.rule()).isEqualTo("latency.p99");
      assertThat(latency.comparison()).isEqualTo(Comparison.AT_MOST);
      assertThat(latency.measured()).isEqualTo(1500);
      assertThat(latency.subject()).isEqualTo("gf-uc-17-test");
      assertThat(latency.evidence()).isEqualTo(EndpointValidation.EVIDENCE_NAME);
    });
  }

  @Test
  void aRowLeftUnansweredFailsTheCsvContract() {
    EndpointChecks checks = new EndpointChecks("gf-uc-17-test");

    checks.csvInput("answered", 3, 4);
    checks.responseSchema("conforming", 3, 3);

    assertThat(checks.all()).extracting(Finding::rule, Finding::metric, Finding::measured, Finding::passed)
        .containsExactly(tuple("contract.csv-input", "answered_share", 0.75, false),
            tuple("contract.response-schema", "conforming_share", 1.0, true));
  }

  @Test
  void checkWithoutAMeasurementFails() {
    EndpointChecks checks = new EndpointChecks("gf-uc-17-test");

    checks.add("contract.csv-input", "answered", "answered_share", Comparison.AT_LEAST, 1.0, null,
        Severity.HIGH);

    assertThat(checks.all()).extracting(Finding::passed).containsExactly(false);
  }
}
