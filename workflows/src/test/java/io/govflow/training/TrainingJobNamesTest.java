package io.govflow.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainingJobNamesTest {

  @Test
  void nameIsDerivedFromTheModelVersion() {
    assertThat(TrainingJobNames.of("uc-17-v1")).isEqualTo("gf-uc-17-v1-train");
  }

  @Test
  void charactersSageMakerRejectsBecomeHyphens() {
    assertThat(TrainingJobNames.of("credit_scoring.eu-v2")).isEqualTo("gf-credit-scoring-eu-v2-train");
  }

  @Test
  void longIdsAreCutTo63CharactersAndStayDistinct() {
    String longId = "retail-lending-consumer-credit-application-review-2026-q1";
    String first = TrainingJobNames.of(longId + "-v1");
    String second = TrainingJobNames.of(longId + "-v2");

    assertThat(first).hasSize(63).matches("[a-zA-Z0-9-]+").startsWith("gf-retail-lending").endsWith("-train");
    assertThat(second).hasSize(63).isNotEqualTo(first);
  }
}
