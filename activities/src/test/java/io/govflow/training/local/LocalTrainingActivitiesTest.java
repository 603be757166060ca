package io.govflow.training.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.GovflowDataConverter;
import io.govflow.common.Samples;
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
import io.govflow.training.TrainingActivities;
import io.govflow.training.TrainingJobRef;
import io.govflow.training.TrainingRequest;
import io.govflow.training.TrainingResult;
import io.govflow.usecase.Dataset;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTrainingActivitiesTest {

  static final Dataset CREDIT = new Dataset(Samples.CREDIT_G, "class", "good");
  static final String GROUP = "gf-uc-7";

  @TempDir Path artifacts;

  @Test
  void creditGTrainsOnAStratifiedSeventyPercentAndHoldsOutThirty() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    TrainingResult result = train(store, request(CREDIT, 42));

    // 700 good and 300 bad: the test split takes round(0.3 * 700) = 210 good and round(0.3 * 300) = 90 bad
    Table test = Table.parse(store.get(result.testDataLocation()));
    assertThat(test.rowCount()).isEqualTo(300);
    assertThat(test.column("class").stream().filter("good"::equals).count()).isEqualTo(210);
    assertThat(result.metrics()).containsEntry("train_rows", 700.0).containsEntry("test_rows", 300.0);
    // better than always answering the majority class (0.7)
    assertThat(result.metrics().get("train_accuracy")).isBetween(0.72, 0.9);
    assertThat(result.modelLocation()).endsWith("use-cases/uc-7/uc-7-v1/training/gf-uc-7-v1-train/model.tribuo");
    assertThat(result.trainingMetrics().location()).endsWith("use-cases/uc-7/uc-7-v1/training-metrics.json");

    List<Measurement> measured = EvidenceMeasurements.of(EvidenceRef.TRAINING_METRICS,
        new ObjectMapper().readTree(store.get(result.trainingMetrics().location())));
    assertThat(measured).extracting(Measurement::metric)
        .containsExactlyInAnyOrder("train_accuracy", "train_rows", "test_rows");
  }

  @Test
  void trainingInsideAnActivityHeartbeatsItsProgress() {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
            .setDataConverter(GovflowDataConverter.create()).build())
        .build());
    try {
      environment.registerActivitiesImplementations(activities(new LocalArtifactStore(artifacts)));
      List<String> heartbeats = new CopyOnWriteArrayList<>();
      environment.setActivityHeartbeatListener(String.class, heartbeats::add);
      TrainingActivities training = environment.newActivityStub(TrainingActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2)).setHeartbeatTimeout(Duration.ofMinutes(1)).build());
      TrainingRequest request = request(CREDIT, 42);

      TrainingResult result = training.awaitTraining(request, training.startTraining(request));

      // Temporal throttles heartbeats to a fraction of the heartbeat timeout: the first always goes out.
      assertThat(heartbeats).startsWith("training on 700 rows");
      assertThat(result.metrics()).containsEntry("test_rows", 300.0);
    } finally {
      environment.close();
    }
  }

  @Test
  void sameSeedTrainsAModelWithTheSamePredictions() throws IOException {
    LocalArtifactStore first = new LocalArtifactStore(artifacts.resolve("first"));
    LocalArtifactStore second = new LocalArtifactStore(artifacts.resolve("second"));
    TrainingResult one = train(first, request(CREDIT, 42));
    TrainingResult two = train(second, request(CREDIT, 42));

    assertThat(first.get(one.testDataLocation())).isEqualTo(second.get(two.testDataLocation()));
    assertThat(predictions(first, one)).isEqualTo(predictions(second, two));
    assertThat(one.metrics()).isEqualTo(two.metrics());
  }

  @Test
  void anotherSeedSplitsDifferently() {
    LocalArtifactStore first = new LocalArtifactStore(artifacts.resolve("first"));
    LocalArtifactStore second = new LocalArtifactStore(artifacts.resolve("second"));

    TrainingResult one = train(first, request(CREDIT, 42));
    TrainingResult two = train(second, request(CREDIT, 43));

    assertThat(first.get(one.testDataLocation())).isNotEqualTo(second.get(two.testDataLocation()));
  }

  @Test
  void awaitingAgainAdoptsTheModelFileInsteadOfRetraining() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    LocalTrainingActivities activities = activities(store);
    TrainingRequest request = request(CREDIT, 42);
    TrainingJobRef job = activities.startTraining(request);
    TrainingResult first = activities.awaitTraining(request, job);
    Path modelFile = store.pathOf(first.modelLocation());
    byte[] model = Files.readAllBytes(modelFile);
    FileTime written = Files.getLastModifiedTime(modelFile);

    TrainingResult retried = activities.awaitTraining(request, job);

    assertThat(Files.readAllBytes(modelFile)).isEqualTo(model);
    assertThat(Files.getLastModifiedTime(modelFile)).isEqualTo(written);
    assertThat(retried).isEqualTo(first);
  }

  @Test
  void startingAgainAdoptsTheRecordedJob() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    LocalTrainingActivities activities = activities(store);
    TrainingJobRef first = activities.startTraining(request(CREDIT, 42));
    byte[] spec = store.get(first.location());

    TrainingJobRef again = activities.startTraining(request(CREDIT, 99));

    assertThat(again).isEqualTo(first);
    assertThat(store.get(again.location())).isEqualTo(spec);
    assertThat(new ObjectMapper().readTree(spec).path("seed").asLong()).isEqualTo(42);
  }

  @Test
  void registeringTwiceKeepsOnePackagePendingApproval() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    LocalModelRegistry registry = new LocalModelRegistry(store);
    registry.ensureGroup(new LocalModelPackageGroup(GROUP, "project-uc-7", "credit risk"));
    LocalTrainingActivities activities = new LocalTrainingActivities(store, Samples.folder(), registry);
    TrainingResult training = train(store, request(CREDIT, 42));
    EvidenceRef card = new EvidenceRef(EvidenceRef.MODEL_CARD, "file:///cards/uc-7.json", "abc", "application/json");
    RegistrationRequest registration = new RegistrationRequest("uc-7", "uc-7-v1", GROUP, training, card);

    CandidateModel first = activities.registerCandidate(registration);
    CandidateModel second = activities.registerCandidate(registration);

    assertThat(second).isEqualTo(first);
    assertThat(first.status()).isEqualTo(ModelVersionStatus.PendingManualApproval);
    assertThat(first.modelLocation()).isEqualTo(training.modelLocation());
    assertThat(first.testDataLocation()).isEqualTo(training.testDataLocation());
    assertThat(registry.find(GROUP, first.modelPackageId())).hasValueSatisfying(registered -> {
      assertThat(registered.modelCardLocation()).isEqualTo("file:///cards/uc-7.json");
      assertThat(registered.metrics()).isEqualTo(training.metrics());
    });
    try (Stream<Path> packages = Files.list(artifacts.resolve("model-registry").resolve(GROUP).resolve("packages"))) {
      assertThat(packages).hasSize(1);
    }
  }

  @Test
  void registeringIntoAMissingGroupFailsWithoutRetry() {
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    TrainingResult training = train(store, request(CREDIT, 42));

    assertThatThrownBy(() -> activities(store).registerCandidate(
        new RegistrationRequest("uc-7", "uc-7-v1", "no-such-group", training, null)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("MODEL_PACKAGE_GROUP_NOT_FOUND");
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  @Test
  void awaitingAJobNeverStartedFailsWithoutRetry() {
    LocalArtifactStore store = new LocalArtifactStore(artifacts);
    TrainingJobRef never = new TrainingJobRef("gf-x", store.locationOf("use-cases/x/x-v1/training/gf-x/job.json"));

    assertThatThrownBy(() -> activities(store).awaitTraining(request(CREDIT, 1), never))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("TRAINING_JOB_NOT_FOUND");
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  @Test
  void missingLabelColumnFailsTheStartWithoutRetry() {
    assertThatThrownBy(() -> activities(new LocalArtifactStore(artifacts))
        .startTraining(request(new Dataset(Samples.CREDIT_G, "risk", "good"), 1)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("COLUMN_NOT_FOUND");
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  @Test
  void singleClassLabelFailsTheStartWithoutRetry() throws IOException {
    Files.writeString(artifacts.resolve("one-class.csv"), "x,class\n1,good\n2,good\n");
    LocalTrainingActivities activities = new LocalTrainingActivities(
        new LocalArtifactStore(artifacts.resolve("store")), artifacts, new LocalModelRegistry(
            new LocalArtifactStore(artifacts.resolve("store"))));

    assertThatThrownBy(() -> activities.startTraining(request(new Dataset("one-class.csv", "class", "good"), 1)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure ->
            assertThat(failure.getType()).isEqualTo("LABEL_HAS_ONE_CLASS"));
  }

  static TrainingRequest request(Dataset dataset, long seed) {
    return new TrainingRequest("uc-7", "uc-7-v1", "gf-uc-7-v1-train", dataset, seed, GROUP);
  }

  static LocalTrainingActivities activities(LocalArtifactStore store) {
    return new LocalTrainingActivities(store, Samples.folder(), new LocalModelRegistry(store));
  }

  static TrainingResult train(LocalArtifactStore store, TrainingRequest request) {
    LocalTrainingActivities activities = activities(store);
    return activities.awaitTraining(request, activities.startTraining(request));
  }

  private static List<ScoredRow> predictions(LocalArtifactStore store, TrainingResult result) {
    LocalModel model = LocalModel.read(store.get(result.modelLocation()));
    Table test = Table.parse(store.get(result.testDataLocation()));
    return IntStream.range(0, test.rowCount()).mapToObj(row -> model.predict(test.row(row))).toList();
  }
}
