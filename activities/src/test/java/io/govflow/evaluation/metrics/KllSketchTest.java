package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KllSketchTest {

  @Test
  void fewerValuesThanKAreKeptExactly() {
    KllSketch sketch = new KllSketch();
    for (double value : new double[] {5, 1, 3, 3, 9}) {
      sketch.update(value);
    }

    assertThat(sketch.rank(0)).isZero();
    assertThat(sketch.rank(3)).isEqualTo(3);
    assertThat(sketch.rank(4)).isEqualTo(3);
    assertThat(sketch.rank(9)).isEqualTo(5);
    assertThat(sketch.cdf(1)).isEqualTo(0.2);
    assertThat(sketch.splitPoints()).containsExactly(1, 3, 5, 9);
  }

  @Test
  void ranksOfAHundredThousandValuesStayWithinTheDocumentedError() {
    int n = 100_000;
    double[] values = generated(n);
    KllSketch sketch = new KllSketch();
    Arrays.stream(values).forEach(sketch::update);
    double[] sorted = values.clone();
    Arrays.sort(sorted);

    double worst = 0;
    for (int q = 1; q < 100; q++) {
      double value = sorted[q * n / 100];
      worst = Math.max(worst, Math.abs(sketch.rank(value) - trueRank(sorted, value)));
    }

    assertThat(sketch.count()).isEqualTo(n);
    assertThat(sketch.rankErrorBound()).isEqualTo(3.0 * n / KllSketch.DEFAULT_K);
    assertThat(worst).isPositive().isLessThanOrEqualTo(sketch.rankErrorBound());
    // about k / (1 - c) values, whatever n is
    assertThat(sketch.retained()).isLessThan(3 * KllSketch.DEFAULT_K);
  }

  @Test
  void aSmallKTradesAccuracyForMemoryWithinItsBound() {
    int n = 100_000;
    double[] values = generated(n);
    KllSketch sketch = new KllSketch(200, KllSketch.DEFAULT_C);
    Arrays.stream(values).forEach(sketch::update);
    double[] sorted = values.clone();
    Arrays.sort(sorted);

    for (int q = 1; q < 100; q++) {
      double value = sorted[q * n / 100];
      assertThat((double) Math.abs(sketch.rank(value) - trueRank(sorted, value)))
          .isLessThanOrEqualTo(sketch.rankErrorBound());
    }
    assertThat(sketch.retained()).isLessThan(3 * 200);
  }

  @Test
  void restoredSketchAnswersAsTheOriginal() {
    KllSketch sketch = new KllSketch(64, KllSketch.DEFAULT_C);
    Arrays.stream(generated(5_000)).forEach(sketch::update);

    KllSketch restored = KllSketch.restore(64, KllSketch.DEFAULT_C, sketch.data());

    assertThat(restored.count()).isEqualTo(5_000);
    for (double value : sketch.splitPoints()) {
      assertThat(restored.rank(value)).isEqualTo(sketch.rank(value));
    }
  }

  @Test
  void sameValuesInTheSameOrderGiveTheSameSketch() {
    KllSketch first = new KllSketch(64, KllSketch.DEFAULT_C);
    KllSketch second = new KllSketch(64, KllSketch.DEFAULT_C);
    double[] values = generated(5_000);
    Arrays.stream(values).forEach(first::update);
    Arrays.stream(values).forEach(second::update);

    assertThat(first.data()).usingRecursiveComparison().isEqualTo(second.data());
  }

  /**
   * statistics.json carries the sketch's levels, so how it compacts is part of the document: this digest of the
   * levels of 100,000 values was taken before compaction learned to merge the sorted runs of upper levels.
   */
  @Test
  void compactionKeepsTheSketchOfEarlierVersions() throws Exception {
    KllSketch sketch = new KllSketch();
    Arrays.stream(generated(100_000)).forEach(sketch::update);

    StringBuilder levels = new StringBuilder();
    sketch.data().forEach(level -> levels.append(Arrays.toString(level)).append('\n'));
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(levels.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(sketch.data()).hasSize(6);
    assertThat(sketch.retained()).isEqualTo(5124);
    assertThat(HexFormat.of().formatHex(digest))
        .isEqualTo("67607a62e3cee05a954f7841d3f60057cdd0c9e50487c789dfb5b58db1750676");
  }

  /** Two overlapping normal bumps, rounded to cents so ties occur as in real amounts. */
  private static double[] generated(int n) {
    Random random = new Random(42);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double centre = i % 3 == 0 ? 100 : 250;
      values[i] = Math.round((centre + 40 * random.nextGaussian()) * 100) / 100.0;
    }
    return values;
  }

  private static long trueRank(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] <= value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
