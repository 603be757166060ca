package io.govflow.evaluation.aws;

import io.govflow.common.DataProblem;
import io.govflow.common.Heartbeats;
import io.govflow.common.LocalDatasets;
import io.govflow.common.aws.AwsErrors;
import io.govflow.common.aws.ClarifyJobs;
import io.govflow.common.aws.ClarifyJobs.ClarifyRun;
import io.govflow.common.aws.ClarifySettings;
import io.govflow.common.aws.SageMakerJobs;
import io.govflow.common.aws.SageMakerJobs.JobInput;
import io.govflow.common.aws.SageMakerNames;
import io.govflow.common.aws.SageMakerResources;
import io.govflow.evaluation.ModelEvaluation;
import io.govflow.evaluation.ModelEvaluationActivities;
import io.govflow.evaluation.ModelEvaluationRequest;
import io.govflow.evaluation.clarify.ClarifyBiasConfig;
import io.govflow.evaluation.metrics.BiasAnalysis;
import io.govflow.evaluation.metrics.BiasReport;
import io.govflow.evaluation.metrics.BinaryClassification;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.FeatureImportance;
import io.govflow.evaluation.metrics.PermutationImportance;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.training.CandidateModel;
import io.govflow.training.aws.FeatureEncoding;
import io.govflow.training.aws.InferencePipeline;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AssemblyType;
import software.amazon.awssdk.services.sagemaker.model.BatchStrategy;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.SplitType;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TransformJobStatus;

/**
 * Step 6 on SageMaker. The candidate scores its held-out test split in one batch transform, and every judgement rests
 * on its answers:
 * <ol>
 *   <li>a SageMaker model {@code gf-<modelVersionId>-eval-model} made from the model package's inference containers,
 *       govflow's encoder in front of the trained model ({@link InferencePipeline}); made from the containers rather
 *       than the package name so that it does not depend on the package's approval, which is only decided at step 8;
 *   <li>a batch transform {@code gf-<modelVersionId>-transform} over the test split's rows as callers send them, and
 *       the shuffled copies of them permutation importance asks about
 *       (the dataset's columns but the label, headerless); the encoder encodes them as the model was trained
 *       ({@link FeatureEncoding}), built-in XGBoost answers the favourable label's probability per row, and a
 *       probability of at least {@value #DECISION_THRESHOLD} predicts the favourable label;
 *   <li>{@code model-quality}: Clarify computes no model quality, and Model Monitor's model-quality baselining job
 *       would need the same predictions merged with the labels first, so the metrics are computed by govflow's
 *       {@link BinaryClassification} on the transform's output, in Model Monitor's binary_classification_metrics
 *       shape, as on the local provider;
 *   <li>{@code post-training-bias}: a SageMaker Clarify processing job {@code gf-<modelVersionId>-model-bias} over
 *       the test split with the predicted labels as a column ({@code predicted_label} in its analysis
 *       configuration), so Clarify needs no shadow endpoint and judges the predictions the quality metrics judged.
 *   <li>{@code feature-importance}: permutation importance, the drop in ROC AUC when one feature is shuffled, computed
 *       by govflow's {@link PermutationImportance} from the transform's answers, the same method, seed and document as
 *       on the local provider, so the governance check reads the same evidence on both.
 * </ol>
 * Clarify's own explainability, Kernel SHAP, is not run: it would start a shadow endpoint per job and its attributions
 * could not be compared with the local provider's, which has no SHAP. The step is one
 * activity, as the workflow calls it: jobs are polled with heartbeats, and a retried attempt adopts the model and
 * jobs of their names when they were made from the same inputs ({@link SageMakerJobs}).
 */
public class AwsModelEvaluationActivities implements ModelEvaluationActivities {

  /** The favourable probability from which a prediction is the favourable label. */
  public static final double DECISION_THRESHOLD = 0.5;
  public static final String MODEL_STEP = "eval-model";
  public static final String TRANSFORM_STEP = "transform";
  public static final String BIAS_STEP = "model-bias";
  private static final String CSV = "text/csv";
  private static final String TRANSFORM_INPUT = "features.csv";

  private final SageMakerClient sageMaker;
  private final S3ArtifactStore store;
  private final ClarifyJobs clarify;
  private final TransformSettings transform;

  public AwsModelEvaluationActivities(SageMakerClient sageMaker, S3ArtifactStore store, ClarifySettings clarify,
      TransformSettings transform) {
    this.sageMaker = sageMaker;
    this.store = store;
    this.clarify = new ClarifyJobs(sageMaker, store, clarify);
    this.transform = transform;
  }

  @Override
  public ModelEvaluation evaluateModel(ModelEvaluationRequest request) {
    CandidateModel candidate = request.candidate();
    Dataset dataset = request.dataset();
    List<ProtectedFacet> facets = request.protectedFacets() == null ? List.of() : request.protectedFacets();
    Table test = LocalDatasets.readSplit(store, candidate.testDataLocation(), dataset);
    LocalDatasets.checkFacets(test, facets, candidate.testDataLocation());
    FeatureEncoding encoding = FeatureEncoding.read(store, request.useCaseId(), request.modelVersionId());
    List<String> features = test.columns().stream().filter(column -> !column.equals(dataset.label())).toList();
    TransformRows rows = new TransformRows(features);
    for (int row = 0; row < test.rowCount(); row++) {
      rows.ask(test.row(row));
    }
    // A first pass gathers the shuffled rows permutation importance will ask about, so one transform scores them all.
    importance(test, dataset, features, row -> {
      rows.ask(row);
      return 0.0;
    }, progress -> { });
    rows.answer(score(request, rows.csv(), rows.size()));
    double[] probabilities = new double[test.rowCount()];
    List<String> predicted = new ArrayList<>(probabilities.length);
    for (int row = 0; row < test.rowCount(); row++) {
      probabilities[row] = rows.probability(test.row(row));
      predicted.add(probabilities[row] >= DECISION_THRESHOLD
          ? encoding.favourableLabel() : encoding.unfavourableLabel());
    }
    String useCase = request.useCaseId();
    String version = request.modelVersionId();
    EvidenceRef quality = store.putEvidence(useCase, version, EvidenceRef.MODEL_QUALITY,
        EvidenceJson.write(BinaryClassification.evaluate(dataset.label(), dataset.favourableLabel(),
            test.column(dataset.label()), predicted, probabilities)));
    BiasReport bias = facets.isEmpty()
        ? BiasAnalysis.postTraining(test, dataset.label(), dataset.favourableLabel(), predicted, facets)
        : clarifyPostTraining(request, test, predicted, facets);
    EvidenceRef biasEvidence = store.putEvidence(useCase, version, EvidenceRef.POST_TRAINING_BIAS,
        EvidenceJson.write(bias));
    EvidenceRef importance = store.putEvidence(useCase, version, FeatureImportance.EVIDENCE_NAME,
        EvidenceJson.write(importance(test, dataset, features, rows::probability, Heartbeats::beat)));
    return new ModelEvaluation(List.of(quality, biasEvidence, importance));
  }

  /** Permutation importance as the local provider measures it, with the model's answers from the transform. */
  private static FeatureImportance importance(Table test, Dataset dataset, List<String> features,
      PermutationImportance.Model model, Consumer<String> progress) {
    return PermutationImportance.measure(test, dataset.label(), dataset.favourableLabel(), features, model,
        PermutationImportance.DEFAULT_REPEATS, PermutationImportance.DEFAULT_SEED, progress);

  }

  public static String modelName(String modelVersionId) {
    return SageMakerNames.of(modelVersionId, MODEL_STEP);
  }

  public static String transformJobName(String modelVersionId) {
    return SageMakerNames.of(modelVersionId, TRANSFORM_STEP);
  }

  public static String biasJobName(String modelVersionId) {
    return SageMakerNames.of(modelVersionId, BIAS_STEP);
  }

  /** The favourable label's probability per input line, from the candidate's batch transform. */
  private double[] score(ModelEvaluationRequest request, byte[] features, int rows) {
    String version = request.modelVersionId();
    List<Tag> tags = SageMakerNames.tags(request.useCaseId(), version);
    String jobName = transformJobName(version);
    String keyPrefix = keyPrefix(request) + jobName + "/";
    JobInput input = new JobInput(keyPrefix + "input/" + TRANSFORM_INPUT, features, CSV);
    String outputLocation = store.locationOf(keyPrefix + "output");
    try {
      String model = ensureModel(request.candidate(), modelName(version), tags);
      submitOrAdoptTransform(jobName, model, input, outputLocation, tags);
      DescribeTransformJobResponse ended = SageMakerJobs.awaitEnd(() -> describeTransform(jobName),
          d -> d.transformJobStatus() == TransformJobStatus.COMPLETED
              || d.transformJobStatus() == TransformJobStatus.FAILED
              || d.transformJobStatus() == TransformJobStatus.STOPPED,
          d -> jobName + ": " + d.transformJobStatusAsString(), transform.pollInterval());
      String job = "batch transform job " + jobName;
      return switch (ended.transformJobStatus()) {
        case COMPLETED -> probabilities(job, outputLocation + "/" + TRANSFORM_INPUT + ".out", rows);
        case FAILED -> throw SageMakerJobs.failed(job, ended.failureReason());
        default -> throw SageMakerJobs.stopped(job, ended.failureReason());
      };
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "scoring the test split of model version " + version + " with a batch transform");
    }
  }

  /**
   * The evaluation model, made once from the package's inference containers (the encoder and the trained model, an
   * inference pipeline) and adopted if it has the same ones.
   */
  private String ensureModel(CandidateModel candidate, String name, List<Tag> tags) {
    List<ContainerDefinition> containers = SageMakerJobs.describe(() -> sageMaker.describeModelPackage(
            b -> b.modelPackageName(candidate.modelPackageId())))
        .orElseThrow(() -> DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("model package "
            + candidate.modelPackageId() + " does not exist: train the model version again"))
        .inferenceSpecification().containers().stream()
        .map(container -> ContainerDefinition.builder().image(container.image())
            .modelDataUrl(container.modelDataUrl()).environment(container.environment()).build())
        .toList();
    SageMakerResources.ensure("SageMaker model " + name, () -> describeModel(name),
        (DescribeModelResponse made) -> sameContainers(containers, made.containers()),
        () -> sageMaker.createModel(b -> b.modelName(name).executionRoleArn(transform.roleArn())
            .containers(containers).tags(tags)));
    return name;
  }

  /** Equal images, artifacts and environments, in order; SageMaker may answer an empty environment as none. */
  private static boolean sameContainers(List<ContainerDefinition> wanted, List<ContainerDefinition> made) {
    if (made == null || made.size() != wanted.size()) {
      return false;
    }
    for (int i = 0; i < wanted.size(); i++) {
      ContainerDefinition a = wanted.get(i);
      ContainerDefinition b = made.get(i);
      if (!a.image().equals(b.image()) || !a.modelDataUrl().equals(b.modelDataUrl())
          || !a.environment().equals(b.environment())) {
        return false;
      }
    }
    return true;
  }

  private void submitOrAdoptTransform(String jobName, String model, JobInput input, String outputLocation,
      List<Tag> tags) {
    String inputLocation = store.locationOf(input.key());
    Optional<DescribeTransformJobResponse> existing = SageMakerJobs.describe(() -> describeTransform(jobName));
    if (existing.isEmpty()) {
      SageMakerJobs.stage(store, List.of(input));
      try {
        sageMaker.createTransformJob(b -> b.transformJobName(jobName).modelName(model)
            .batchStrategy(BatchStrategy.MULTI_RECORD)
            .transformInput(i -> i.contentType(CSV).splitType(SplitType.LINE)
                .dataSource(d -> d.s3DataSource(s -> s.s3DataType(S3DataType.S3_PREFIX).s3Uri(inputLocation))))
            .transformOutput(o -> o.s3OutputPath(outputLocation).accept(CSV).assembleWith(AssemblyType.LINE))
            .transformResources(r -> r.instanceType(transform.instanceType())
                .instanceCount(transform.instanceCount()))
            .tags(tags));
        return;
      } catch (AwsServiceException e) {
        if (!AwsErrors.isAlreadyExists(e)) {
          throw e;
        }
        existing = Optional.of(describeTransform(jobName));
      }
    }
    DescribeTransformJobResponse job = existing.get();
    boolean sameInputs = model.equals(job.modelName())
        && inputLocation.equals(job.transformInput().dataSource().s3DataSource().s3Uri())
        && SageMakerJobs.staged(store, List.of(input));
    if (!sameInputs) {
      throw SageMakerJobs.conflict("batch transform job " + jobName);
    }
  }

  /**
   * The transform's output: one probability per input line. XGBoost answers a mini-batch of CSV rows with one value
   * per row, on lines or separated by commas depending on its version, so both separate values.
   */
  private double[] probabilities(String job, String location, int rows) {
    String text;
    try {
      text = new String(store.get(location), StandardCharsets.UTF_8);
    } catch (ArtifactNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(job + " completed but wrote no predictions to "
          + location + "; see the job's logs in CloudWatch", SageMakerJobs.OUTPUT_UNREADABLE, e);
    }
    List<String> values = List.of(text.strip().split("[,\\s]+"));
    if (text.isBlank() || values.size() != rows) {
      throw ApplicationFailure.newNonRetryableFailure(location + " holds " + (text.isBlank() ? 0 : values.size())
          + " predictions for " + rows + " rows sent (the test split and its shuffled copies): the model must answer "
          + "one favourable-label probability per row (built-in XGBoost with objective binary:logistic does)", SageMakerJobs.OUTPUT_UNREADABLE);
    }
    double[] probabilities = new double[rows];
    for (int row = 0; row < rows; row++) {
      try {
        probabilities[row] = Double.parseDouble(values.get(row));
      } catch (NumberFormatException e) {
        throw ApplicationFailure.newNonRetryableFailureWithCause("prediction " + (row + 1) + " in " + location
            + " is '" + values.get(row) + "', not a probability", SageMakerJobs.OUTPUT_UNREADABLE, e);
      }
    }
    return probabilities;
  }

  private BiasReport clarifyPostTraining(ModelEvaluationRequest request, Table test, List<String> predicted,
      List<ProtectedFacet> facets) {
    Dataset dataset = request.dataset();
    String predictedColumn = "predicted_" + dataset.label();
    while (test.hasColumn(predictedColumn)) {
      predictedColumn = "_" + predictedColumn;
    }
    Table scored = test.withColumn(predictedColumn, predicted);
    byte[] config;
    try {
      config = ClarifyBiasConfig.postTraining(scored, dataset.label(), dataset.favourableLabel(), predictedColumn,
          facets);
    } catch (IllegalArgumentException e) {
      throw DataProblem.FACET_INVALID.failure("the use case's label or facets cannot be given to Clarify as meant: "
          + e.getMessage(), e);
    }
    String jobName = biasJobName(request.modelVersionId());
    Heartbeats.beat("post-training bias of " + test.rowCount() + " predictions");
    ClarifyRun run = new ClarifyRun(jobName, keyPrefix(request) + jobName + "/", scored.toHeaderlessCsv(), config,
        SageMakerNames.tags(request.useCaseId(), request.modelVersionId()));
    BiasReport analysis = clarify.analyse(run);
    if (analysis.postTrainingBiasMetrics() == null) {
      throw ApplicationFailure.newNonRetryableFailure(clarify.analysisLocation(run) + " has no "
          + "post_training_bias_metrics although the job was asked for them; see the job's logs in CloudWatch",
          SageMakerJobs.OUTPUT_UNREADABLE);
    }
    return new BiasReport(BiasReport.VERSION, null, analysis.postTrainingBiasMetrics());
  }

  private DescribeModelResponse describeModel(String name) {
    return sageMaker.describeModel(b -> b.modelName(name));
  }

  private DescribeTransformJobResponse describeTransform(String jobName) {
    return sageMaker.describeTransformJob(b -> b.transformJobName(jobName));
  }

  private static String keyPrefix(ModelEvaluationRequest request) {
    return "use-cases/" + request.useCaseId() + "/" + request.modelVersionId() + "/model-evaluation/";
  }
}
