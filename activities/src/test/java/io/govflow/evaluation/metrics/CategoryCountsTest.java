package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoryCountsTest {

  @Test
  void valuesUpToTheLimitAreCountedExactly() {
    CategoryCounts counts = new CategoryCounts(3, List.of());
    for (String value : List.of("b", "a", "b", "c", "b")) {
      add(counts, value);
    }

    assertThat(counts.complete()).isTrue();
    assertThat(counts.counts()).containsExactly(entry("a", 1), entry("b", 3), entry("c", 1));
    assertThat(counts.distinct()).isEqualTo(3);
    assertThat(counts.uncounted()).isZero();
  }

  @Test
  void pastTheLimitDistinctValuesAreEstimatedAndOnlyExpectedOnesCounted() {
    CategoryCounts counts = new CategoryCounts(10, List.of("yes", "never seen"));
    for (int i = 0; i < 50_000; i++) {
      add(counts, "id-" + i);
      add(counts, "yes");
    }

    assertThat(counts.complete()).isFalse();
    assertThat(counts.counts()).containsEntry("yes", 50_000L).doesNotContainKey("never seen").hasSize(11);
    assertThat(counts.uncounted()).isEqualTo(50_000 - 10);
    // HyperLogLog with 4096 registers: a standard error of 1.6 %
    assertThat((double) counts.distinct()).isCloseTo(50_001, within(50_001 * 0.05));
  }

  @Test
  void withoutExpectedValuesEverythingPastTheLimitGoesToTheSketch() {
    CategoryCounts counts = new CategoryCounts(2, List.of());
    for (String value : List.of("a", "b", "c", "a", "d")) {
      add(counts, value);
    }

    assertThat(counts.counts()).containsExactly(entry("a", 1), entry("b", 1));
    assertThat(counts.uncounted()).isEqualTo(3);
    assertThat(counts.distinct()).isEqualTo(4);
  }

  private static void add(CategoryCounts counts, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    counts.add(bytes, 0, bytes.length);
  }

  private static Map.Entry<String, Long> entry(String value, long count) {
    return Map.entry(value, count);
  }
}
