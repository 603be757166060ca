package io.govflow.training.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.DataProblem;
import io.govflow.common.GovflowDataConverter;
import io.govflow.common.Heartbeats;
import io.govflow.common.LocalDatasets;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.modelregistry.LocalModelPackage;
import io.govflow.modelregistry.LocalModelRegistry;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.training.CandidateModel;
import io.govflow.training.RegistrationRequest;
import io.govflow.training.TrainingActivities;
import io.govflow.training.TrainingJobRef;
import io.govflow.training.TrainingRequest;
import io.govflow.training.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step 5 on one machine. Everything a job makes lives under {@code use-cases/<id>/<version>/training/<job>/}:
 * the job spec, the train and test splits, the model file. A retried {@code awaitTraining} adopts a model file that
 * exists rather than training again, so a model version never silently changes its model.
 */
public class LocalTrainingActivities implements TrainingActivities {

  private static final String TRAIN_SPLIT = "train.csv";
  private static final String TEST_SPLIT = "test.csv";

  private final ArtifactStore store;
  private final LocalDatasets datasets;
  private final LocalModelRegistry registry;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  /** @param dataRoot the folder relative dataset locations are resolved against */
  public LocalTrainingActivities(ArtifactStore store, Path dataRoot, LocalModelRegistry registry) {
    this.store = store;
    this.datasets = new LocalDatasets(dataRoot);
    this.registry = registry;
  }

  /** Checks the data can be trained on and records the job; a job already recorded under the name is adopted. */
  @Override
  public TrainingJobRef startTraining(TrainingRequest request) {
    LocalDatasets.requireTwoClasses(datasets.read(request.dataset()), request.dataset().label());
    TrainingJobSpec spec = new TrainingJobSpec(request.jobName(), request.useCaseId(), request.modelVersionId(),
        request.dataset(), request.seed(), TrainTestSplit.TEST_FRACTION, LocalModel.ALGORITHM);
    String key = jobKey(spec, "job.json");
    String location = store.locationOf(key);
    if (!store.exists(location)) {
      store.put(key, "training-job", writeJson(spec), "application/json");
    }
    return new TrainingJobRef(request.jobName(), location);
  }

  @Override
  public TrainingResult awaitTraining(TrainingRequest request, TrainingJobRef job) {
    TrainingJobSpec spec = readSpec(job);
    String modelLocation = store.locationOf(jobKey(spec, "model.tribuo"));
    String trainLocation = store.locationOf(jobKey(spec, TRAIN_SPLIT));
    String testLocation = store.locationOf(jobKey(spec, TEST_SPLIT));
    LocalModel model;
    Table train;
    Table test;
    if (store.exists(modelLocation)) {
      Heartbeats.beat("adopting the model of " + spec.jobName());
      model = LocalModel.fromStore(store, modelLocation);
      train = LocalDatasets.readSplit(store, trainLocation, spec.dataset());
      test = LocalDatasets.readSplit(store, testLocation, spec.dataset());
    } else {
      Table table = datasets.read(spec.dataset());
      LocalDatasets.requireTwoClasses(table, spec.dataset().label());
      TrainTestSplit split = TrainTestSplit.stratified(table, spec.dataset().label(), spec.testFraction(), spec.seed());
      train = split.train();
      test = split.test();
      // The splits go first: a model file in the store means its splits are there too.
      store.put(jobKey(spec, TRAIN_SPLIT), "train-split", train.toCsv(), "text/csv");
      store.put(jobKey(spec, TEST_SPLIT), "test-split", test.toCsv(), "text/csv");
      Heartbeats.beat("training on " + train.rowCount() + " rows");
      model = LocalModel.train(train, RowEncoding.of(table, spec.dataset().label(), spec.dataset().favourableLabel()),
          spec.seed());
      store.put(jobKey(spec, "model.tribuo"), "model", model.toBytes(), "application/x-protobuf");
    }
    Heartbeats.beat("scoring " + train.rowCount() + " training rows");
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("train_accuracy", accuracy(model, train, spec.dataset().label()));
    metrics.put("train_rows", (double) train.rowCount());
    metrics.put("test_rows", (double) test.rowCount());
    EvidenceRef evidence = store.putEvidence(spec.useCaseId(), spec.modelVersionId(), EvidenceRef.TRAINING_METRICS,
        EvidenceJson.write(new TrainingMetrics(spec.jobName(), spec.algorithm(), spec.seed(), metrics)));
    return new TrainingResult(spec.jobName(), modelLocation, testLocation, metrics, evidence);
  }

  /** Registers the trained model as a package pending approval; the package id is the model version's id. */
  @Override
  public CandidateModel registerCandidate(RegistrationRequest request) {
    if (registry.group(request.modelPackageGroup()).isEmpty()) {
      throw DataProblem.MODEL_PACKAGE_GROUP_NOT_FOUND.failure("model package group '" + request.modelPackageGroup()
          + "' does not exist: the project set-up step (3) creates it before training");
    }
    TrainingResult training = request.training();
    LocalModelPackage registered = registry.register(new LocalModelPackage(
        request.modelVersionId(),
        request.modelPackageGroup(),
        request.modelVersionId(),
        training.modelLocation(),
        training.testDataLocation(),
        request.modelCard() == null ? null : request.modelCard().location(),
        training.metrics(),
        ModelVersionStatus.PendingManualApproval,
        null));
    return new CandidateModel(registered.modelPackageId(), registered.modelPackageGroup(),
        registered.modelLocation(), registered.testDataLocation(), registered.status());
  }

  /** Where the train split of a job lies: beside its test split, which a candidate model names. */
  public static String trainSplitBeside(String testDataLocation) {
    if (!testDataLocation.endsWith("/" + TEST_SPLIT)) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure(testDataLocation + " is not the test split of a local "
          + "training job (" + TEST_SPLIT + "), so its train split cannot be found: train the model version again");
    }
    return testDataLocation.substring(0, testDataLocation.length() - TEST_SPLIT.length()) + TRAIN_SPLIT;
  }

  private static String jobKey(TrainingJobSpec spec, String file) {
    return "use-cases/" + spec.useCaseId() + "/" + spec.modelVersionId() + "/training/" + spec.jobName() + "/" + file;
  }

  private static double accuracy(LocalModel model, Table rows, String label) {
    long labelled = 0;
    long correct = 0;
    for (int row = 0; row < rows.rowCount(); row++) {
      String actual = rows.value(row, label);
      if (!Table.isMissing(actual)) {
        labelled++;
        correct += actual.equals(model.predict(rows.row(row)).predictedLabel()) ? 1 : 0;
      }
    }
    return labelled == 0 ? 0.0 : (double) correct / labelled;
  }

  private TrainingJobSpec readSpec(TrainingJobRef job) {
    if (!store.exists(job.location())) {
      throw DataProblem.TRAINING_JOB_NOT_FOUND.failure("training job " + job.jobName() + " was never started: no spec"
          + " at " + job.location() + "; call startTraining first");
    }
    try {
      return json.readValue(store.get(job.location()), TrainingJobSpec.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable training job spec " + job.location(), e);
    }
  }

  private byte[] writeJson(Object value) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
