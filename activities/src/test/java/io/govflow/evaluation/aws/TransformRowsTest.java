package io.govflow.evaluation.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformRowsTest {

  private final TransformRows rows = new TransformRows(List.of("purpose", "age"));

  @Test
  void eachDistinctRowIsSentOnceAsACallerWouldSendItAndAnsweredByItsLine() {
    rows.ask(Map.of("purpose", "car, new", "age", "22", "class", "good"));
    rows.ask(Map.of("purpose", "radio", "age", "35", "class", "bad"));
    rows.ask(Map.of("purpose", "car, new", "age", "22", "class", "bad"));

    assertThat(new String(rows.csv(), StandardCharsets.UTF_8)).isEqualTo("\"car, new\",22\nradio,35\n");
    rows.answer(new double[] {0.8, 0.1});
    assertThat(rows.probability(Map.of("purpose", "radio", "age", "35"))).isEqualTo(0.1);
    assertThat(rows.probability(Map.of("purpose", "car, new", "age", "22"))).isEqualTo(0.8);
  }

  @Test
  void aRowNeverSentHasNoAnswer() {
    rows.ask(Map.of("purpose", "radio", "age", "35"));
    rows.answer(new double[] {0.1});

    assertThatThrownBy(() -> rows.probability(Map.of("purpose", "boat", "age", "35")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("boat,35");
  }
}
