package io.govflow.deployment.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.training.CandidateModel;
import io.govflow.training.local.LocalModel;
import io.govflow.training.local.ScoredRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationsTest {

  @TempDir static Path artifacts;
  static ServedModel served;
  static Table sample;
  static List<String> features;

  @BeforeAll
  static void trainAModel() {
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    CandidateModel candidate = CreditModels.train(store, 1, 42);
    sample = CreditModels.sample();
    features = sample.columns().subList(0, sample.columns().size() - 1);
    served = new ServedModel("uc-7-v1", LocalModel.fromStore(store, candidate.modelLocation()), features);
  }

  @Test
  void mediaTypeIgnoresParametersAndCase() {
    assertThat(Invocations.mediaType("Text/CSV; charset=UTF-8")).isEqualTo("text/csv");
    assertThat(Invocations.mediaType(" application/json ")).isEqualTo("application/json");
    assertThat(Invocations.mediaType(null)).isNull();
  }

  @Test
  void aHeaderMayNameSomeColumnsAndTheOthersAreMissing() {
    List<Map<String, String>> rows = Invocations.rows("text/csv", "duration,class,age\n6,good,67\n48,bad,22", served);

    assertThat(rows).containsExactly(Map.of("duration", "6", "class", "good", "age", "67"),
        Map.of("duration", "48", "class", "bad", "age", "22"));
    assertThat(served.model().predict(rows.get(0))).isEqualTo(served.model().predict(Map.of("duration", "6",
        "age", "67")));
  }

  @Test
  void aFirstLineOfValuesIsARowNotAHeader() {
    List<Map<String, String>> rows = Invocations.rows("text/csv", Table.csvLine(sample.row(0), features), served);

    assertThat(rows).singleElement().isEqualTo(CreditModels.features(sample, 0, features));
  }

  @Test
  void jsonInstancesInEveryShapeReadAlike() {
    String values = "[\"<0\",6,\"critical/other existing credit\",\"radio/tv\",1169,\"no known savings\",\">=7\",4,"
        + "\"male single\",\"none\",4,\"real estate\",67,\"none\",\"own\",2,\"skilled\",1,\"yes\",\"yes\"]";

    List<Map<String, String>> asArray = Invocations.rows("application/json", "[" + values + "]", served);
    List<Map<String, String>> asFeatures =
        Invocations.rows("application/json", "{\"instances\":[{\"features\":" + values + "}]}", served);

    assertThat(asArray).singleElement().isEqualTo(CreditModels.features(sample, 0, features));
    assertThat(asFeatures).isEqualTo(asArray);
  }

  @Test
  void jsonNullAndQuestionMarkAreMissingValues() {
    List<Map<String, String>> rows =
        Invocations.rows("application/json", "[{\"duration\": null, \"age\": \"?\", \"purpose\": \"radio/tv\"}]", served);

    assertThat(rows).singleElement().isEqualTo(Map.of("duration", "", "age", "?", "purpose", "radio/tv"));
    ScoredRow scored = served.model().predict(rows.get(0));
    assertThat(scored.favourableProbability()).isBetween(0.0, 1.0);
  }

  @Test
  void aNumberThatIsNotFiniteIsRefused() {
    assertThatThrownBy(() -> Invocations.rows("application/json", "[{\"duration\": \"NaN\"}]", served))
        .isInstanceOfSatisfying(InvocationException.class, refused -> {
          assertThat(refused.problem()).isEqualTo(InvocationProblem.MALFORMED_INPUT);
          assertThat(refused.getMessage()).isEqualTo("row 1 column 'duration' is numeric but has 'NaN': send a"
              + " finite number, or leave it empty for a missing value");
        });
  }

  @Test
  void predictionsAreWrittenInRowOrder() {
    assertThat(Invocations.predictions(List.of(new ScoredRow("good", 0.75), new ScoredRow("bad", 0.125))))
        .isEqualTo("{\"predictions\":[{\"predicted_label\":\"good\",\"probability\":0.75},"
            + "{\"predicted_label\":\"bad\",\"probability\":0.125}]}");
  }
}
