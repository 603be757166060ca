package io.govflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointNamesTest {

  @Test
  void oneEndpointPerUseCaseAndEnvironment() {
    assertThat(EndpointNames.of("uc-17", Environment.TEST)).isEqualTo("gf-uc-17-test");
    assertThat(EndpointNames.of("uc-17", Environment.PRODUCTION)).isEqualTo("gf-uc-17-prod");
  }

  @Test
  void charactersSageMakerRejectsBecomeHyphens() {
    assertThat(EndpointNames.of("credit_scoring.eu", Environment.TEST)).isEqualTo("gf-credit-scoring-eu-test");
  }

  @Test
  void longIdsAreCutTo63CharactersAndStayDistinct() {
    String longId = "retail-lending-consumer-credit-application-review-2026-q1-europe";
    String first = EndpointNames.of(longId + "-a", Environment.PRODUCTION);
    String second = EndpointNames.of(longId + "-b", Environment.PRODUCTION);

    assertThat(first).hasSize(63).matches("[a-zA-Z0-9-]+").startsWith("gf-retail-lending").endsWith("-prod");
    assertThat(second).hasSize(63).isNotEqualTo(first);
  }

  @Test
  void endpointNameTellsItsEnvironmentEvenWhenCut() {
    String longId = "retail-lending-consumer-credit-application-review-2026-q1-europe-test";

    assertThat(EndpointNames.environmentOf(EndpointNames.of("uc-test", Environment.PRODUCTION)))
        .contains(Environment.PRODUCTION);
    assertThat(EndpointNames.environmentOf(EndpointNames.of(longId, Environment.TEST))).contains(Environment.TEST);
    assertThat(EndpointNames.environmentOf(EndpointNames.of(longId, Environment.PRODUCTION)))
        .contains(Environment.PRODUCTION);
    assertThat(EndpointNames.environmentOf("someone-elses-endpoint")).isEmpty();
  }
}
