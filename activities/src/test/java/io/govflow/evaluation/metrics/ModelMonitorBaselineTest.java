package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Samples;
import io.govflow.evaluation.metrics.DataStatistics.Bucket;
import io.govflow.evaluation.metrics.MonitorStatistics.KllBucket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelMonitorBaselineTest {

  static final Table PEOPLE = Table.parse("""
      sex,age,income
      f,22,50
      f,30,0
      f,45,?
      m,23,52.5
      m,35,60
      m,50,-58
      """);

  @Test
  void numericColumnHasModelMonitorStatisticsAndAKllDistribution() {
    MonitorStatistics stats = ModelMonitorBaseline.statistics(PEOPLE);

    // age: 22, 30, 45, 23, 35, 50 -> sum 205, mean 34.1667, population sd sqrt(658.8333 / 6) = 10.4788
    var age = stats.feature("age").orElseThrow().numericalStatistics();
    assertThat(stats.dataset().itemCount()).isEqualTo(6);
    assertThat(stats.feature("age").orElseThrow().inferredType()).isEqualTo(ColumnType.INTEGRAL);
    assertThat(age.common().numPresent()).isEqualTo(6);
    assertThat(age.sum()).isEqualTo(205.0);
    assertThat(age.mean()).isCloseTo(34.166667, within(1e-6));
    assertThat(age.stdDev()).isCloseTo(10.478815, within(1e-6));
    assertThat(age.min()).isEqualTo(22.0);
    assertThat(age.max()).isEqualTo(50.0);
    // ten buckets of width 2.8 from 22: 22, 23 | 30 (bucket 3) | 35 (bucket 4) | 45 (bucket 8) | 50 (bucket 9)
    assertThat(age.distribution().kll().buckets()).hasSize(10)
        .extracting(KllBucket::count).containsExactly(2.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0);
    assertThat(age.distribution().kll().buckets().get(0).lowerBound()).isEqualTo(22.0);
    assertThat(age.distribution().kll().buckets().get(9).upperBound()).isEqualTo(50.0);
    assertThat(age.distribution().kll().sketch().data()).singleElement()
        .isEqualTo(new double[] {22, 30, 45, 23, 35, 50});
    assertThat(age.distribution().kll().sketch().parameters().k()).isEqualTo(2048.0);
    assertThat(age.distribution().kll().sketch().parameters().c()).isEqualTo(0.64);
  }

  @Test
  void constraintsAreSuggestedFromTheStatistics() {
    MonitorConstraints constraints = ModelMonitorBaseline.constraints(ModelMonitorBaseline.statistics(PEOPLE));

    assertThat(constraints.features()).extracting(MonitorConstraints.Feature::name)
        .containsExactly("sex", "age", "income");
    MonitorConstraints.Feature income = constraints.features().get(2);
    assertThat(income.inferredType()).isEqualTo(ColumnType.FRACTIONAL);
    assertThat(income.completeness()).isCloseTo(5 / 6.0, within(1e-12));
    assertThat(income.numConstraints().isNonNegative()).isFalse();
    assertThat(constraints.features().get(1).numConstraints().isNonNegative()).isTrue();
    assertThat(constraints.features().get(0).stringConstraints().domains()).containsExactly("f", "m");
    assertThat(constraints.monitoringConfig()).isEqualTo(MonitorConstraints.MonitoringConfig.DEFAULTS);
  }

  @Test
  void stringColumnOfMostlyUniqueValuesGetsNoDomain() {
    Table ids = Table.parse("id\na1\na2\na3\na4\na5\na1\n");

    MonitorConstraints constraints = ModelMonitorBaseline.constraints(ModelMonitorBaseline.statistics(ids));

    assertThat(constraints.features().get(0).stringConstraints()).isNull();
  }

  @Test
  void creditGBaselineWritesModelMonitorJsonThatReadsBack() throws IOException {
    Table credit = Table.read(Files.newBufferedReader(Samples.path(Samples.CREDIT_G)));
    MonitorStatistics stats = ModelMonitorBaseline.statistics(credit);
    MonitorConstraints constraints = ModelMonitorBaseline.constraints(stats);

    JsonNode statistics = new ObjectMapper().readTree(EvidenceJson.write(stats));
    JsonNode age = statistics.get("features").get(credit.columns().indexOf("age"));
    assertThat(statistics.get("dataset").get("item_count").asLong()).isEqualTo(1000);
    assertThat(age.get("inferred_type").asText()).isEqualTo("Integral");
    assertThat(age.get("numerical_statistics").get("min").asDouble()).isEqualTo(19.0);
    assertThat(age.get("numerical_statistics").get("max").asDouble()).isEqualTo(75.0);
    JsonNode kll = age.get("numerical_statistics").get("distribution").get("kll");
    assertThat(kll.get("buckets")).hasSize(10);
    assertThat(kll.get("sketch").get("data").get(0)).hasSize(1000);
    JsonNode purpose = statistics.get("features").get(credit.columns().indexOf("purpose"));
    assertThat(purpose.get("string_statistics").get("distinct_count").asLong()).isEqualTo(10);
    assertThat(purpose.get("string_statistics").get("distribution").get("categorical").get("buckets").get(0)
        .get("value").asText()).isEqualTo("radio/tv");

    JsonNode written = new ObjectMapper().readTree(EvidenceJson.write(constraints));
    JsonNode duration = written.get("features").get(credit.columns().indexOf("duration"));
    assertThat(duration.get("completeness").asDouble()).isEqualTo(1.0);
    assertThat(duration.get("num_constraints").get("is_non_negative").asBoolean()).isTrue();
    assertThat(written.get("features").get(credit.columns().indexOf("purpose")).get("string_constraints")
        .get("domains")).hasSize(10);
    JsonNode config = written.get("monitoring_config");
    assertThat(config.get("evaluate_constraints").asText()).isEqualTo("Enabled");
    assertThat(config.get("emit_metrics").asText()).isEqualTo("Enabled");
    assertThat(config.get("datatype_check_threshold").asDouble()).isEqualTo(0.1);
    assertThat(config.get("domain_content_threshold").asDouble()).isEqualTo(0.1);
    assertThat(config.get("distribution_constraints").get("perform_comparison").asText()).isEqualTo("Enabled");
    assertThat(config.get("distribution_constraints").get("comparison_threshold").asDouble()).isEqualTo(0.1);
    assertThat(config.get("distribution_constraints").get("comparison_method").asText()).isEqualTo("Robust");

    assertThat(EvidenceJson.read(EvidenceJson.write(constraints), MonitorConstraints.class)).isEqualTo(constraints);
    assertThat(EvidenceJson.write(EvidenceJson.read(EvidenceJson.write(stats), MonitorStatistics.class)))
        .isEqualTo(EvidenceJson.write(stats));
  }

  @Test
  void streamedFilesGiveTheDocumentsOfTheirTables() throws IOException {
    for (String sample : List.of(Samples.CREDIT_G, Samples.DIABETES)) {
      byte[] csv = Files.readAllBytes(Samples.path(sample));

      MonitorStatistics streamed = ModelMonitorBaseline.statistics(new ByteArrayInputStream(csv));

      assertThat(EvidenceJson.write(streamed)).as(sample)
          .isEqualTo(EvidenceJson.write(ModelMonitorBaseline.statistics(Table.parse(csv))));
    }
    String messy = "id,score,purpose,note\r\n1, 0.5 ,\"radio, tv\",?\r\n\r\n2,3,car,\r\n-3,1e2,\"say \"\"hi\"\"\",x\r\n";
    assertThat(EvidenceJson.write(ModelMonitorBaseline.statistics(stream(messy))))
        .isEqualTo(EvidenceJson.write(ModelMonitorBaseline.statistics(Table.parse(messy))));
  }

  @Test
  void columnTypedByAllItsValuesEvenWhenTextComesLast() {
    MonitorStatistics stats = ModelMonitorBaseline.statistics(stream("code\n1\n2\n2\n2.5\nn/a\n"));

    var code = stats.feature("code").orElseThrow();
    assertThat(code.inferredType()).isEqualTo(ColumnType.STRING);
    assertThat(code.stringStatistics().distribution().categorical().buckets())
        .extracting(Bucket::value, Bucket::count)
        .containsExactly(tuple("2", 2L), tuple("1", 1L), tuple("2.5", 1L), tuple("n/a", 1L));
  }

  @Test
  void stringColumnOfManyValuesHasAnEstimatedDistinctCountAndNeitherDistributionNorDomain() {
    StringBuilder csv = new StringBuilder("customer,segment\n");
    for (int row = 0; row < 10_000; row++) {
      csv.append("c-").append(row).append(',').append(row % 3 == 0 ? "retail" : "business").append('\n');
    }

    MonitorStatistics stats = ModelMonitorBaseline.statistics(stream(csv.toString()));
    MonitorConstraints constraints = ModelMonitorBaseline.constraints(stats);

    var customer = stats.feature("customer").orElseThrow().stringStatistics();
    assertThat(customer.distribution()).isNull();
    assertThat((double) customer.distinctCount()).isCloseTo(10_000, within(500.0));
    assertThat(new String(EvidenceJson.write(stats), StandardCharsets.UTF_8)).doesNotContain("\"c-1\"");
    assertThat(constraints.features().get(0).stringConstraints()).isNull();
    assertThat(constraints.features().get(1).stringConstraints().domains()).containsExactly("business", "retail");
  }

  @Test
  void emptyTableCannotBeABaseline() {
    assertThatThrownBy(() -> ModelMonitorBaseline.statistics(Table.parse("a,b\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no rows");
    assertThatThrownBy(() -> ModelMonitorBaseline.statistics(stream("a,b\n\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no rows");
  }

  static ByteArrayInputStream stream(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }
}
