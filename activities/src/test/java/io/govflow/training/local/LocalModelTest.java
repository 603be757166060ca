package io.govflow.training.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.govflow.evaluation.metrics.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Feature;
import org.tribuo.classification.LabelFactory;

class LocalModelTest {

  /** Income above 50 and a blue card mean "yes": a linear model separates it. */
  static final Table LOANS;

  static {
    StringBuilder csv = new StringBuilder("income,card,class\n");
    for (int i = 0; i < 40; i++) {
      boolean yes = i % 2 == 0;
      csv.append(yes ? 60 + i : 20 + i).append(',').append(yes ? "blue" : "red").append(',')
          .append(yes ? "yes" : "no").append('\n');
    }
    LOANS = Table.parse(csv.toString());
  }

  static final RowEncoding ENCODING = RowEncoding.of(LOANS, "class", "yes");

  @TempDir Path dir;

  @Test
  void encodingTreatsNumbersAsRealFeaturesAndTextAsOneHot() {
    assertThat(ENCODING.numericColumns()).containsExactly("income");
    assertThat(ENCODING.categoricalColumns()).containsExactly("card");
    assertThat(ENCODING.example(Map.of("income", "61", "card", "blue"), LabelFactory.UNKNOWN_LABEL))
        .extracting(Feature::getName, Feature::getValue)
        .containsExactlyInAnyOrder(tuple("(intercept)", 1.0), tuple("income", 61.0), tuple("card=blue", 1.0));
    assertThat(ENCODING.example(Map.of("income", "?", "card", ""), LabelFactory.UNKNOWN_LABEL))
        .extracting(Feature::getName).containsExactly("(intercept)");
  }

  @Test
  void modelScoresRowsOnEachSideOfTheBoundary() {
    LocalModel model = LocalModel.train(LOANS, ENCODING, 7);

    ScoredRow rich = model.predict(Map.of("income", "90", "card", "blue"));
    ScoredRow poor = model.predict(Map.of("income", "15", "card", "red"));

    assertThat(rich.predictedLabel()).isEqualTo("yes");
    assertThat(rich.favourableProbability()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(poor.predictedLabel()).isEqualTo("no");
    assertThat(poor.favourableProbability()).isLessThan(0.5).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void modelFileLoadsWithItsEncodingAndScoresAlike() throws IOException {
    LocalModel trained = LocalModel.train(LOANS, ENCODING, 7);
    Path file = Files.write(dir.resolve("model.tribuo"), trained.toBytes());

    LocalModel loaded = LocalModel.load(file);

    assertThat(loaded.encoding()).isEqualTo(ENCODING);
    Map<String, String> row = Map.of("income", "55", "card", "blue", "class", "ignored");
    assertThat(loaded.predict(row)).isEqualTo(trained.predict(row));
  }

  @Test
  void missingValuesAndUnseenCategoriesStillScore() {
    LocalModel model = LocalModel.train(LOANS, ENCODING, 7);

    ScoredRow scored = model.predict(Map.of("income", "?", "card", "purple"));

    assertThat(scored.predictedLabel()).isIn("yes", "no");
    assertThat(scored.favourableProbability()).isBetween(0.0, 1.0);
  }

  @Test
  void numericColumnThatNeverVariesIsLeftOutRatherThanScaledByZero() {
    StringBuilder csv = new StringBuilder("income,branch,class\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 2 == 0 ? 60 + i : 20 + i).append(",7,").append(i % 2 == 0 ? "yes" : "no").append('\n');
    }
    Table table = Table.parse(csv.toString());

    LocalModel model = LocalModel.train(table, RowEncoding.of(table, "class", "yes"), 7);

    assertThat(model.encoding().numericColumns()).containsExactly("income");
    assertThat(model.predict(Map.of("income", "90", "branch", "7")).predictedLabel()).isEqualTo("yes");
    assertThat(model.predict(Map.of("income", "90", "branch", "7")).favourableProbability()).isNotNaN();
  }

  @Test
  void bytesThatAreNotAModelAreRejected() {
    assertThatThrownBy(() -> LocalModel.read("not a model".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Tribuo model file");
  }
}
