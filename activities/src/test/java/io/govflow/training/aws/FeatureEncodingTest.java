package io.govflow.training.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.Table;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEncodingTest {

  private static final Table TRAIN = Table.parse("""
      housing,age,amount,class
      own,22,1000,good
      rent,35,,bad
      free,47,2500,good
      own,?,800,neutral
      rent,51,400,bad
      ,30,700,
      """);

  private final FeatureEncoding encoding = FeatureEncoding.fit(TRAIN, "class", "good");

  @Test
  void textColumnsAreOneHotOverTheTrainingCategoriesAndNumbersPassThrough() {
    assertThat(encoding.encodedColumns())
        .containsExactly("housing=free", "housing=own", "housing=rent", "age", "amount");
    assertThat(encoding.unfavourableLabel()).as("the most frequent other class").isEqualTo("bad");
  }

  @Test
  void trainingChannelIsHeaderlessLabelFirstAndNumericWithMissingValuesEmpty() {
    assertThat(lines(encoding.trainingCsv(TRAIN))).containsExactly(
        "1,0,1,0,22,1000",
        "0,0,0,1,35,",
        "1,1,0,0,47,2500",
        "0,0,1,0,,800",
        "0,0,0,1,51,400");
  }

  @Test
  void transformInputHasEveryRowAndMapsAnUnseenCategoryToZeros() {
    Table test = Table.parse("""
        class,amount,age,housing
        good,300,60,boat
        bad,900,41,own
        """);

    assertThat(lines(encoding.featuresCsv(test))).containsExactly("0,0,0,60,300", "0,1,0,41,900");
  }

  @Test
  void encodingReadsBackFromItsEvidenceDocument() {
    FeatureEncoding read = EvidenceJson.read(EvidenceJson.write(encoding), FeatureEncoding.class);

    assertThat(read).isEqualTo(encoding);
    assertThat(new String(EvidenceJson.write(encoding), StandardCharsets.UTF_8))
        .contains("\"favourable_label\" : \"good\"").contains("\"categories\" : [ \"free\", \"own\", \"rent\" ]");
  }

  private static List<String> lines(byte[] csv) {
    return List.of(new String(csv, StandardCharsets.UTF_8).split("\n"));
  }
}
