package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.evaluation.metrics.FeatureImportance.Importance;
import io.govflow.evaluation.metrics.FeatureImportance.Permutation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {

  /** x decides the label except for every seventh row; noise has nothing to do with it. */
  static final Table ROWS = rows();

  /** A model that reads only x. */
  static final PermutationImportance.Model ON_X = row -> Double.parseDouble(row.get("x")) / 100;

  @Test
  void aFeatureTheModelIgnoresCostsNothingWhenShuffled() {
    Permutation result = measure(ROWS, 4, 9);

    Importance x = result.features().get(0);
    Importance noise = result.features().get(1);
    assertThat(x.name()).isEqualTo("x");
    assertThat(x.mean()).isGreaterThan(0.3);
    assertThat(x.stdDev()).isPositive();
    assertThat(noise.name()).isEqualTo("noise");
    assertThat(noise.mean()).isZero();
    assertThat(noise.stdDev()).isZero();
    assertThat(result.baselineScore()).isGreaterThan(0.7);
    assertThat(result.dataset().itemCount()).isEqualTo(100);
  }

  @Test
  void theSameSeedShufflesTheSameWayAndIsRecorded() {
    Permutation first = measure(ROWS, 3, 42);

    assertThat(measure(ROWS, 3, 42)).isEqualTo(first);
    assertThat(measure(ROWS, 3, 43).features().get(0).mean()).isNotEqualTo(first.features().get(0).mean());
    assertThat(first.seed()).isEqualTo(42);
    assertThat(first.repeats()).isEqualTo(3);
    assertThat(first.method()).isEqualTo("permutation");
  }

  @Test
  void withOneClassTheScoreAndDropsAreUndefined() {
    Table good = Table.parse("x,noise,class\n10,a,good\n90,b,good\n");

    Permutation result = measure(good, 2, 1);

    assertThat(result.baselineScore()).isNull();
    assertThat(result.features()).allSatisfy(importance -> assertThat(importance.mean()).isNull());
  }

  private static Permutation measure(Table rows, int repeats, long seed) {
    List<String> progress = new ArrayList<>();
    Permutation result = PermutationImportance.measure(rows, "class", "good", List.of("noise", "x"), ON_X, repeats,
        seed, progress::add).explanations().permutationImportance();
    assertThat(progress).containsExactly("permutation importance of noise", "permutation importance of x");
    return result;
  }

  private static Table rows() {
    StringBuilder csv = new StringBuilder("x,noise,class\n");
    for (int row = 0; row < 100; row++) {
      boolean good = row % 2 == 0;
      boolean flipped = row % 7 == 0;
      csv.append(good ? 50 + row % 50 : row % 50).append(',').append("n").append(row % 3).append(',')
          .append(good != flipped ? "good" : "bad").append('\n');
    }
    return Table.parse(csv.toString());
  }
}
