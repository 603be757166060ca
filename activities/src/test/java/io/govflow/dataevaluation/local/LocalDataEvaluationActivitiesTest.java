package io.govflow.dataevaluation.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Digests;
import io.govflow.common.Samples;
import io.govflow.dataevaluation.DataEvaluation;
import io.govflow.dataevaluation.DataEvaluationRequest;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.policy.EvidenceMeasurements;
import io.govflow.policy.Measurement;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDataEvaluationActivitiesTest {

  static final Dataset CREDIT = new Dataset(Samples.CREDIT_G, "class", "good");
  static final List<ProtectedFacet> CREDIT_FACETS = List.of(
      new ProtectedFacet("personal_status", List.of("female div/dep/mar"), null),
      new ProtectedFacet("age", null, 25.0),
      new ProtectedFacet("foreign_worker", List.of("yes"), null));

  @TempDir Path artifacts;

  LocalArtifactStore store() {
    return new LocalArtifactStore(artifacts);
  }

  LocalDataEvaluationActivities activities() {
    return new LocalDataEvaluationActivities(store(), Samples.folder());
  }

  @Test
  void creditGPreTrainingBiasMatchesAnIndependentComputation() throws IOException {
    DataEvaluation evaluation = activities().evaluateData(request(CREDIT, CREDIT_FACETS));

    // Computed independently from the CSV with Python's csv module and Clarify's formulas:
    // personal_status = female div/dep/mar: na 690, nd 310, qa 490/690, qd 210/310
    // age > 25: na 190, nd 810; foreign_worker = yes: na 37, nd 963
    List<Measurement> bias = measurements(evaluation, EvidenceRef.PRE_TRAINING_BIAS);
    assertThat(value(bias, "personal_status=female div/dep/mar", "CI")).isCloseTo(0.38, within(1e-12));
    assertThat(value(bias, "personal_status=female div/dep/mar", "DPL")).isCloseTo(0.07480130902290782, within(1e-12));
    assertThat(value(bias, "personal_status=female div/dep/mar", "KL")).isCloseTo(0.012747470771464875, within(1e-12));
    assertThat(value(bias, "personal_status=female div/dep/mar", "JS")).isCloseTo(0.0032515461034931872, within(1e-12));
    assertThat(value(bias, "age=(25, 75]", "CI")).isCloseTo(-0.62, within(1e-12));
    assertThat(value(bias, "age=(25, 75]", "DPL")).isCloseTo(-0.14944769330734242, within(1e-12));
    assertThat(value(bias, "age=(25, 75]", "KL")).isCloseTo(0.05164853468448899, within(1e-12));
    assertThat(value(bias, "age=(25, 75]", "JS")).isCloseTo(0.012405288331360939, within(1e-12));
    assertThat(value(bias, "age=(25, 75]", "KS")).isCloseTo(0.14944769330734242, within(1e-12));
    assertThat(value(bias, "foreign_worker=yes", "CI")).isCloseTo(-0.926, within(1e-12));
    assertThat(value(bias, "foreign_worker=yes", "DPL")).isCloseTo(0.1992646852459936, within(1e-12));
    assertThat(value(bias, "foreign_worker=yes", "KL")).isCloseTo(0.11255219213664663, within(1e-12));
  }

  @Test
  void creditGStatisticsMatchAnIndependentComputation() throws IOException {
    DataEvaluation evaluation = activities().evaluateData(request(CREDIT, CREDIT_FACETS));
    JsonNode statistics = document(evaluation, EvidenceRef.DATA_STATISTICS);

    // credit_amount: sum 3271258 over 1000 rows, population sd 2821.3251545, min 250, max 18424
    JsonNode amount = feature(statistics, "credit_amount");
    assertThat(amount.path("inferred_type").asText()).isEqualTo("Integral");
    assertThat(amount.at("/numerical_statistics/sum").asDouble()).isEqualTo(3271258.0);
    assertThat(amount.at("/numerical_statistics/mean").asDouble()).isCloseTo(3271.258, within(1e-9));
    assertThat(amount.at("/numerical_statistics/std_dev").asDouble()).isCloseTo(2821.325154503819, within(1e-9));
    assertThat(amount.at("/numerical_statistics/min").asDouble()).isEqualTo(250.0);
    assertThat(amount.at("/numerical_statistics/max").asDouble()).isEqualTo(18424.0);
    assertThat(feature(statistics, "checking_status").at("/string_statistics/distinct_count").asInt()).isEqualTo(4);
    assertThat(statistics.at("/dataset/item_count").asInt()).isEqualTo(1000);
    assertThat(statistics.at("/label/class_counts/good").asInt()).isEqualTo(700);
    assertThat(statistics.at("/label/class_counts/bad").asInt()).isEqualTo(300);
    assertThat(evaluation.rowCount()).isEqualTo(1000);

    List<Measurement> measured = EvidenceMeasurements.of(EvidenceRef.DATA_STATISTICS, statistics);
    assertThat(measured).filteredOn(m -> m.metric().equals("completeness")).hasSize(21)
        .allSatisfy(m -> assertThat(m.value()).isEqualTo(1.0));
    assertThat(value(measured, "label", "favourable_fraction")).isCloseTo(0.7, within(1e-12));
    assertThat(value(measured, "label", "minority_class_fraction")).isCloseTo(0.3, within(1e-12));
    // 700 good against 300 bad is more than 2 to 1
    assertThat(statistics.path("quality_checks")).singleElement().satisfies(check -> {
      assertThat(check.path("check").asText()).isEqualTo("class_imbalance");
      assertThat(check.path("feature").asText()).isEqualTo("class");
    });
  }

  @Test
  void diabetesZerosInDisguiseAreReportedButZeroPregnanciesAreNot() throws IOException {
    DataEvaluation evaluation = activities().evaluateData(request(
        new Dataset("diabetes.csv", "class", "tested_negative"), List.of(new ProtectedFacet("age", null, 50.0))));
    JsonNode statistics = document(evaluation, EvidenceRef.DATA_STATISTICS);

    assertThat(statistics.path("quality_checks").findValuesAsText("feature"))
        .containsExactly("plas", "pres", "skin", "insu", "mass");
    // insu: 374 zeros of 768, the smallest positive value is 14
    assertThat(statistics.path("quality_checks").get(3).path("message").asText())
        .startsWith("374 of 768 values are 0 while every other value is at least 14");
    assertThat(feature(statistics, "preg").at("/numerical_statistics/num_zero").asInt()).isEqualTo(111);
    assertThat(feature(statistics, "mass").at("/numerical_statistics/mean").asDouble())
        .isCloseTo(31.992578125, within(1e-9));
    assertThat(feature(statistics, "pedi").path("inferred_type").asText()).isEqualTo("Fractional");

    // age > 50: na 687, nd 81; favourable tested_negative
    List<Measurement> bias = measurements(evaluation, EvidenceRef.PRE_TRAINING_BIAS);
    assertThat(value(bias, "age=(50, 81]", "CI")).isCloseTo(0.7890625, within(1e-12));
    assertThat(value(bias, "age=(50, 81]", "DPL")).isCloseTo(0.13434686506011106, within(1e-12));
    assertThat(value(bias, "age=(50, 81]", "JS")).isCloseTo(0.009419759317507506, within(1e-12));
    assertThat(value(bias, "age=(50, 81]", "KL")).isCloseTo(0.03711527159413566, within(1e-12));
  }

  @Test
  void facetValueAbsentFromTheDataIsMeasuredAsUndefined() throws IOException {
    DataEvaluation evaluation = activities().evaluateData(
        request(CREDIT, List.of(new ProtectedFacet("foreign_worker", List.of("maybe"), null))));

    JsonNode ci = document(evaluation, EvidenceRef.PRE_TRAINING_BIAS)
        .at("/pre_training_bias_metrics/facets/foreign_worker/0/metrics/1");
    assertThat(ci.path("name").asText()).isEqualTo("CI");
    assertThat(ci.has("value")).isTrue();
    assertThat(ci.path("value").isNull()).isTrue();
    assertThat(measurements(evaluation, EvidenceRef.PRE_TRAINING_BIAS))
        .filteredOn(m -> m.subject().equals("foreign_worker=maybe")).hasSize(8)
        .allSatisfy(m -> assertThat(m.value()).isNull());
  }

  @Test
  void evidenceIsWrittenUnderTheModelVersionWithTheDigestOfItsBytes() {
    DataEvaluation first = activities().evaluateData(request(CREDIT, CREDIT_FACETS));
    DataEvaluation retried = activities().evaluateData(request(CREDIT, CREDIT_FACETS));

    assertThat(first.evidence()).extracting(EvidenceRef::name)
        .containsExactly(EvidenceRef.DATA_STATISTICS, EvidenceRef.PRE_TRAINING_BIAS);
    assertThat(first.evidence()).allSatisfy(ref -> {
      assertThat(ref.location()).endsWith("use-cases/uc-7/uc-7-v1/" + ref.name() + ".json");
      assertThat(ref.sha256()).isEqualTo(Digests.sha256(store().get(ref.location())));
      assertThat(ref.contentType()).isEqualTo("application/json");
    });
    assertThat(retried.evidence()).isEqualTo(first.evidence());
  }

  @Test
  void datasetIsFoundByAbsolutePathAndByFileUri() {
    Path csv = Samples.path(Samples.DIABETES);
    Dataset byPath = new Dataset(csv.toString(), "class", "tested_negative");
    Dataset byUri = new Dataset(csv.toUri().toString(), "class", "tested_negative");
    LocalDataEvaluationActivities elsewhere = new LocalDataEvaluationActivities(store(), artifacts);

    assertThat(elsewhere.evaluateData(request(byPath, List.of())).rowCount()).isEqualTo(768);
    assertThat(elsewhere.evaluateData(request(byUri, null)).rowCount()).isEqualTo(768);
  }

  @Test
  void missingLabelColumnFailsWithoutRetry() {
    assertFailure(request(new Dataset(Samples.CREDIT_G, "outcome", "good"), List.of()), "COLUMN_NOT_FOUND",
        "the label column 'outcome' is not in");
  }

  @Test
  void missingFacetColumnFailsWithoutRetry() {
    assertFailure(request(CREDIT, List.of(new ProtectedFacet("gender", List.of("f"), null))), "COLUMN_NOT_FOUND",
        "the protected facet column 'gender' is not in");
  }

  @Test
  void unknownFavourableLabelFailsWithoutRetry() {
    assertFailure(request(new Dataset(Samples.CREDIT_G, "class", "approved"), List.of()), "LABEL_VALUE_NOT_FOUND",
        "its values are [bad, good]");
  }

  @Test
  void missingDatasetFailsWithoutRetry() {
    assertFailure(request(new Dataset("no-such.csv", "class", "good"), List.of()), "DATASET_NOT_FOUND",
        "no dataset file at");
  }

  @Test
  void thresholdOnATextColumnFailsWithoutRetry() {
    assertFailure(request(CREDIT, List.of(new ProtectedFacet("housing", null, 1.0))), "FACET_NOT_NUMERIC",
        "give the facet values instead");
  }

  @Test
  void malformedCsvFailsWithoutRetry() throws IOException {
    Files.writeString(artifacts.resolve("bad.csv"), "a,class\n1,good\n2\n");
    LocalDataEvaluationActivities activities = new LocalDataEvaluationActivities(store(), artifacts);

    assertThatThrownBy(() -> activities.evaluateData(request(new Dataset("bad.csv", "class", "good"), List.of())))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("DATASET_UNREADABLE");
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  private void assertFailure(DataEvaluationRequest request, String type, String message) {
    assertThatThrownBy(() -> activities().evaluateData(request))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(type);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).contains(message);
        });
  }

  static DataEvaluationRequest request(Dataset dataset, List<ProtectedFacet> facets) {
    return new DataEvaluationRequest("uc-7", "uc-7-v1", dataset, facets);
  }

  private JsonNode document(DataEvaluation evaluation, String name) throws IOException {
    EvidenceRef ref = evaluation.evidence().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    return new ObjectMapper().readTree(store().get(ref.location()));
  }

  private List<Measurement> measurements(DataEvaluation evaluation, String name) throws IOException {
    return EvidenceMeasurements.of(name, document(evaluation, name));
  }

  static double value(List<Measurement> measurements, String subject, String metric) {
    return measurements.stream()
        .filter(m -> m.subject().equals(subject) && m.metric().equals(metric))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " for " + subject + " in " + measurements))
        .value();
  }

  private static JsonNode feature(JsonNode statistics, String name) {
    for (JsonNode feature : statistics.path("features")) {
      if (feature.path("name").asText().equals(name)) {
        return feature;
      }
    }
    throw new AssertionError("no feature " + name);
  }
}
