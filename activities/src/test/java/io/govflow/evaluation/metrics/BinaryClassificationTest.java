package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.govflow.evaluation.metrics.ModelQuality.BinaryClassificationMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryClassificationTest {

  // row:         1     2     3     4     5     6     7     8
  static final List<String> ACTUAL = List.of("good", "good", "good", "good", "bad", "bad", "bad", "bad");
  static final List<String> PREDICTED = List.of("good", "good", "bad", "good", "good", "bad", "bad", "bad");
  static final double[] P_GOOD = {0.9, 0.8, 0.4, 0.6, 0.6, 0.3, 0.2, 0.4};

  @Test
  void metricsOfABinaryClassifierFromItsConfusionMatrix() {
    BinaryClassificationMetrics metrics =
        BinaryClassification.evaluate("class", "good", ACTUAL, PREDICTED, P_GOOD).binaryClassificationMetrics();

    // TP = rows 1, 2, 4 = 3; FN = row 3 = 1; FP = row 5 = 1; TN = rows 6, 7, 8 = 3
    assertThat(metrics.confusionMatrix()).isEqualTo(Map.of(
        "good", Map.of("good", 3L, "bad", 1L),
        "bad", Map.of("good", 1L, "bad", 3L)));
    assertThat(metrics.accuracy().value()).isEqualTo(6 / 8.0);
    assertThat(metrics.precision().value()).isEqualTo(3 / 4.0);
    assertThat(metrics.recall().value()).isEqualTo(3 / 4.0);
    assertThat(metrics.f1().value()).isEqualTo(2 * 3 / (2 * 3 + 1 + 1.0));
    assertThat(metrics.truePositiveRate().value()).isEqualTo(3 / 4.0);
    assertThat(metrics.trueNegativeRate().value()).isEqualTo(3 / 4.0);
    assertThat(metrics.falsePositiveRate().value()).isEqualTo(1 / 4.0);
    assertThat(metrics.falseNegativeRate().value()).isEqualTo(1 / 4.0);
  }

  @Test
  void aucCountsTiedScoresAsHalfAPair() {
    BinaryClassificationMetrics metrics =
        BinaryClassification.evaluate("class", "good", ACTUAL, PREDICTED, P_GOOD).binaryClassificationMetrics();

    // positive scores 0.9, 0.8, 0.4, 0.6 against negative scores 0.6, 0.3, 0.2, 0.4:
    // 0.9 beats 4, 0.8 beats 4, 0.4 beats 2 and ties 1 (2.5), 0.6 beats 3 and ties 1 (3.5) -> 14 of 16 pairs
    assertThat(metrics.auc().value()).isEqualTo(14 / 16.0);
  }

  @Test
  void standardDeviationsComeFromARepeatableBootstrap() {
    ModelQuality first = BinaryClassification.evaluate("class", "good", ACTUAL, PREDICTED, P_GOOD);
    ModelQuality second = BinaryClassification.evaluate("class", "good", ACTUAL, PREDICTED, P_GOOD);

    assertThat(first.binaryClassificationMetrics().accuracy().standardDeviation()).isBetween(0.05, 0.3);
    assertThat(first.binaryClassificationMetrics().auc().standardDeviation()).isPositive();
    assertThat(EvidenceJson.write(first)).isEqualTo(EvidenceJson.write(second));
  }

  @Test
  void precisionIsUndefinedWithoutAPositivePrediction() {
    List<String> allBad = List.of("bad", "bad", "bad", "bad", "bad", "bad", "bad", "bad");

    BinaryClassificationMetrics metrics =
        BinaryClassification.evaluate("class", "good", ACTUAL, allBad, P_GOOD).binaryClassificationMetrics();

    assertThat(metrics.precision().value()).isNull();
    assertThat(metrics.recall().value()).isEqualTo(0.0);
    assertThat(metrics.accuracy().value()).isEqualTo(0.5);
  }

  @Test
  void aucIsUndefinedWithOnlyOneObservedClass() {
    double auc = BinaryClassification.auc(new boolean[] {true, true}, new double[] {0.2, 0.7}, new int[] {0, 1});

    assertThat(auc).isNaN();
  }

  @Test
  void rowsWithoutAnObservedLabelAreLeftOut() {
    ModelQuality quality = BinaryClassification.evaluate("class", "good",
        List.of("good", "?", "bad"), List.of("good", "good", "good"), new double[] {0.9, 0.8, 0.7});

    assertThat(quality.dataset().itemCount()).isEqualTo(2);
    assertThat(quality.binaryClassificationMetrics().precision().value()).isCloseTo(0.5, within(1e-12));
  }
}
