package io.govflow.evaluation.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.Samples;
import io.govflow.dataevaluation.DataEvaluation;
import io.govflow.dataevaluation.DataEvaluationRequest;
import io.govflow.dataevaluation.local.LocalDataEvaluationActivities;
import io.govflow.evaluation.ModelEvaluation;
import io.govflow.evaluation.ModelEvaluationRequest;
import io.govflow.evaluation.metrics.FeatureImportance;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.LocalArtifactStore;
import io.govflow.modelregistry.LocalModelPackageGroup;
import io.govflow.modelregistry.LocalModelRegistry;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.policy.EvidenceMeasurements;
import io.govflow.policy.Measurement;
import io.govflow.training.CandidateModel;
import io.govflow.training.RegistrationRequest;
import io.govflow.training.TrainingRequest;
import io.govflow.training.TrainingResult;
import io.govflow.training.local.LocalTrainingActivities;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps 4 to 6 on credit-g, trained once for the class: what the governance check will read. */
class LocalModelEvaluationActivitiesTest {

  static final Dataset CREDIT = new Dataset(Samples.CREDIT_G, "class", "good");
  static final List<ProtectedFacet> FACETS = List.of(
      new ProtectedFacet("personal_status", List.of("female div/dep/mar"), null),
      new ProtectedFacet("age", null, 25.0),
      new ProtectedFacet("foreign_worker", List.of("yes"), null));
  static final String GROUP = "gf-uc-9";

  @TempDir static Path artifacts;
  static LocalArtifactStore store;
  static DataEvaluation data;
  static TrainingResult training;
  static CandidateModel candidate;

  @BeforeAll
  static void runStepsFourAndFive() {
    store = new LocalArtifactStore(artifacts);
    LocalModelRegistry registry = new LocalModelRegistry(store);
    registry.ensureGroup(new LocalModelPackageGroup(GROUP, "project-uc-9", "credit decisions"));
    data = new LocalDataEvaluationActivities(store, Samples.folder())
        .evaluateData(new DataEvaluationRequest("uc-9", "uc-9-v1", CREDIT, FACETS));
    LocalTrainingActivities trainer = new LocalTrainingActivities(store, Samples.folder(), registry);
    TrainingRequest request = new TrainingRequest("uc-9", "uc-9-v1", "gf-uc-9-v1-train", CREDIT, 17, GROUP);
    training = trainer.awaitTraining(request, trainer.startTraining(request));
    candidate = trainer.registerCandidate(new RegistrationRequest("uc-9", "uc-9-v1", GROUP, training, null));
  }

  @Test
  void modelQualityCountsEveryHeldOutRowOnce() throws IOException {
    JsonNode quality = document(evaluate(FACETS), EvidenceRef.MODEL_QUALITY);

    // the stratified test split holds 210 good and 90 bad rows
    JsonNode matrix = quality.at("/binary_classification_metrics/confusion_matrix");
    assertThat(quality.at("/dataset/item_count").asInt()).isEqualTo(300);
    assertThat(matrix.at("/good/good").asInt() + matrix.at("/good/bad").asInt()).isEqualTo(210);
    assertThat(matrix.at("/bad/good").asInt() + matrix.at("/bad/bad").asInt()).isEqualTo(90);
    double correct = matrix.at("/good/good").asInt() + matrix.at("/bad/bad").asInt();
    assertThat(quality.at("/binary_classification_metrics/accuracy/value").asDouble()).isEqualTo(correct / 300);
    double truePositives = matrix.at("/good/good").asInt();
    assertThat(quality.at("/binary_classification_metrics/recall/value").asDouble())
        .isEqualTo(truePositives / 210);
    // a logistic regression on credit-g ranks better than chance
    assertThat(quality.at("/binary_classification_metrics/auc/value").asDouble()).isBetween(0.7, 0.95);
    assertThat(quality.at("/binary_classification_metrics/auc/standard_deviation").asDouble()).isBetween(0.0, 0.1);
  }

  @Test
  void postTrainingBiasIsMeasuredForEveryFacetOnTheTestSplit() throws IOException {
    ModelEvaluation evaluation = evaluate(FACETS);
    JsonNode bias = document(evaluation, EvidenceRef.POST_TRAINING_BIAS);
    Table test = Table.parse(store.get(candidate.testDataLocation()));
    long women = test.column("personal_status").stream().filter("female div/dep/mar"::equals).count();

    List<Measurement> measured = EvidenceMeasurements.of(EvidenceRef.POST_TRAINING_BIAS, bias);

    assertThat(bias.at("/post_training_bias_metrics/label_value_or_threshold").asText()).isEqualTo("good");
    assertThat(measured).extracting(Measurement::subject).containsOnly(
        "personal_status=female div/dep/mar", "age=(25, 75]", "foreign_worker=yes");
    assertThat(measured).extracting(Measurement::metric).containsOnly(
        "AD", "CDDPL", "DAR", "DCA", "DCR", "DI", "DPPL", "DRR", "FT", "GE", "RD", "SD", "TE");
    assertThat(measured).hasSize(39);
    assertThat(women).isBetween(60L, 130L);
    assertThat(measured).filteredOn(m -> m.metric().equals("DPPL"))
        .allSatisfy(m -> assertThat(m.value()).isBetween(-1.0, 1.0));
  }

  @Test
  void everyDocumentOfStepsFourToSixReadsAsPolicyMeasurements() throws IOException {
    List<EvidenceRef> evidence = new ArrayList<>(data.evidence());
    evidence.add(training.trainingMetrics());
    evidence.addAll(evaluate(FACETS).evidence());
    List<Measurement> measured = new ArrayList<>();
    for (EvidenceRef ref : evidence) {
      measured.addAll(EvidenceMeasurements.of(ref.name(), new ObjectMapper().readTree(store.get(ref.location()))));
    }

    String women = "personal_status=female div/dep/mar";
    assertThat(find(measured, EvidenceRef.PRE_TRAINING_BIAS, women, "CI").value()).isEqualTo(0.38);
    assertThat(find(measured, EvidenceRef.POST_TRAINING_BIAS, women, "DPPL").value()).isNotNull();
    assertThat(find(measured, EvidenceRef.MODEL_QUALITY, "model", "auc").value()).isGreaterThan(0.7);
    assertThat(find(measured, EvidenceRef.DATA_STATISTICS, "credit_amount", "completeness").value()).isEqualTo(1.0);
    assertThat(find(measured, EvidenceRef.TRAINING_METRICS, "training", "train_accuracy").value())
        .isGreaterThan(0.7);
    assertThat(candidate.status()).isEqualTo(ModelVersionStatus.PendingManualApproval);
  }

  @Test
  void diabetesModelRanksPatientsBetterThanChance() throws IOException {
    Dataset diabetes = new Dataset(Samples.DIABETES, "class", "tested_negative");
    LocalTrainingActivities trainer =
        new LocalTrainingActivities(store, Samples.folder(), new LocalModelRegistry(store));
    TrainingRequest request = new TrainingRequest("uc-10", "uc-10-v1", "gf-uc-10-v1-train", diabetes, 17, GROUP);
    TrainingResult trained = trainer.awaitTraining(request, trainer.startTraining(request));
    CandidateModel model = new CandidateModel("uc-10-v1", GROUP, trained.modelLocation(), trained.testDataLocation(),
        ModelVersionStatus.PendingManualApproval);

    ModelEvaluation evaluation = new LocalModelEvaluationActivities(store).evaluateModel(new ModelEvaluationRequest(
        "uc-10", "uc-10-v1", model, diabetes, List.of(new ProtectedFacet("age", null, 50.0))));

    // 500 negative and 268 positive: the test split holds 150 + 80 rows
    JsonNode quality = new ObjectMapper().readTree(store.get(evaluation.evidence().get(0).location()));
    assertThat(quality.at("/dataset/item_count").asInt()).isEqualTo(230);
    assertThat(quality.at("/binary_classification_metrics/auc/value").asDouble()).isBetween(0.75, 0.95);
    assertThat(trained.metrics().get("train_accuracy")).isBetween(0.7, 0.9);
  }

  @Test
  void featureImportanceFindsTheCheckingAccountFirstByAWideMargin() throws IOException {
    ModelEvaluation evaluation = evaluate(FACETS);
    JsonNode importance = document(evaluation, FeatureImportance.EVIDENCE_NAME)
        .path("explanations").path("permutation_importance");
    JsonNode features = importance.path("features");

    assertThat(importance.path("metric").asText()).isEqualTo("roc_auc");
    assertThat(importance.path("repeats").asInt()).isEqualTo(5);
    assertThat(importance.path("seed").asLong()).isEqualTo(20_240_601L);
    // the AUC the drops are measured from is the one model-quality reports
    assertThat(importance.path("baseline_score").asDouble()).isEqualTo(document(evaluation, EvidenceRef.MODEL_QUALITY)
        .at("/binary_classification_metrics/auc/value").asDouble());
    assertThat(features.findValuesAsText("name")).hasSize(20).doesNotContain("class");
    // shuffling checking_status costs the model about 0.08 of AUC, more than twice what any other feature costs
    assertThat(features.get(0).path("name").asText()).isEqualTo("checking_status");
    assertThat(features.get(0).path("mean").asDouble()).isBetween(0.05, 0.12)
        .isGreaterThan(2 * features.get(1).path("mean").asDouble());
  }

  @Test
  void evaluatingAgainWritesTheSameDocuments() {
    assertThat(evaluate(FACETS).evidence()).isEqualTo(evaluate(FACETS).evidence());
  }

  @Test
  void facetColumnMissingFromTheTestSplitFailsWithoutRetry() {
    assertThatThrownBy(() -> evaluate(List.of(new ProtectedFacet("nationality", List.of("x"), null))))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("COLUMN_NOT_FOUND");
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  @Test
  void missingModelFileFailsWithoutRetry() {
    CandidateModel lost = new CandidateModel(candidate.modelPackageId(), GROUP,
        store.locationOf("use-cases/uc-9/uc-9-v1/training/none/model.tribuo"), candidate.testDataLocation(),
        ModelVersionStatus.PendingManualApproval);

    assertThatThrownBy(() -> new LocalModelEvaluationActivities(store)
        .evaluateModel(new ModelEvaluationRequest("uc-9", "uc-9-v1", lost, CREDIT, FACETS)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("MODEL_ARTIFACT_UNREADABLE");
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  static ModelEvaluation evaluate(List<ProtectedFacet> facets) {
    return new LocalModelEvaluationActivities(store)
        .evaluateModel(new ModelEvaluationRequest("uc-9", "uc-9-v1", candidate, CREDIT, facets));
  }

  static JsonNode document(ModelEvaluation evaluation, String name) throws IOException {
    EvidenceRef ref = evaluation.evidence().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    assertThat(ref.location()).endsWith("use-cases/uc-9/uc-9-v1/" + name + ".json");
    return new ObjectMapper().readTree(store.get(ref.location()));
  }

  static Measurement find(List<Measurement> measured, String evidence, String subject, String metric) {
    return measured.stream()
        .filter(m -> m.evidence().equals(evidence) && m.subject().equals(subject) && m.metric().equals(metric))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " of " + subject + " in " + evidence));
  }
}
