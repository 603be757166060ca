package io.govflow.training.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.common.DataProblem;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.common.LocalDatasets;
import io.govflow.common.aws.AwsErrors;
import io.govflow.common.aws.S3Datasets;
import io.govflow.common.aws.SageMakerJobs;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.modelversion.ModelVersionStatus;
import io.govflow.training.CandidateModel;
import io.govflow.training.RegistrationRequest;
import io.govflow.training.TrainingActivities;
import io.govflow.training.TrainingJobRef;
import io.govflow.training.TrainingRequest;
import io.govflow.training.TrainingResult;
import io.govflow.training.local.TrainTestSplit;
import io.govflow.training.local.TrainingMetrics;
import io.govflow.usecase.Dataset;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelCardStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.S3DataDistribution;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/**
 * Step 5 on SageMaker. {@code startTraining} writes the model version's seeded train/test split beside its other
 * artifacts in S3 (the train channel encoded for built-in XGBoost, see {@link FeatureEncoding}, and the encoder that
 * serves in front of the model, see {@link InferencePipeline}) and submits a
 * training job named by the workflow ({@link TrainingRequest#jobName()}), adopting a job of that name;
 * {@code awaitTraining} polls the job with heartbeats; {@code registerCandidate} registers the model package pending
 * manual approval, adopting the package an earlier attempt registered for the same model version.
 */
public class AwsTrainingActivities implements TrainingActivities {

  /** Failure type of a job SageMaker reports as Failed: its reason says what to fix. */
  public static final String TRAINING_FAILED = "TRAINING_FAILED";
  /** Failure type of a job someone stopped: train the model version again with a new job. */
  public static final String TRAINING_STOPPED = "TRAINING_STOPPED";
  /** Customer metadata of a model package naming the model version it holds: how a retry finds it. */
  public static final String MODEL_VERSION_PROPERTY = "govflow:model-version-id";
  static final String USE_CASE_PROPERTY = "govflow:use-case-id";
  static final String TEST_DATA_PROPERTY = "govflow:test-data";
  static final String TRAINING_JOB_PROPERTY = "govflow:training-job";

  private static final String CSV = "text/csv";
  private static final String JSON = "application/json";

  private final SageMakerClient sageMaker;
  private final S3ArtifactStore store;
  private final AwsSettings settings;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public AwsTrainingActivities(SageMakerClient sageMaker, S3ArtifactStore store, AwsSettings settings) {
    this.sageMaker = sageMaker;
    this.store = store;
    this.settings = settings;
  }

  /** A client token derived from the model version, within CreateModelPackage's 36 characters. */
  public static String clientToken(String modelVersionId) {
    return "gf-" + Digests.sha256(modelVersionId).substring(0, 32);
  }

  @Override
  public TrainingJobRef startTraining(TrainingRequest request) {
    try {
      Optional<DescribeTrainingJobResponse> existing = describeJob(request.jobName());
      if (existing.isPresent()) {
        return new TrainingJobRef(request.jobName(), existing.get().trainingJobArn());
      }
      String trainLocation = writeSplits(request);
      try {
        String arn = sageMaker.createTrainingJob(b -> b.trainingJobName(request.jobName())
            .algorithmSpecification(a -> a.trainingImage(settings.trainingImage())
                .trainingInputMode(TrainingInputMode.FILE))
            .roleArn(settings.roleArn())
            .inputDataConfig(channels(trainLocation))
            .outputDataConfig(o -> o.s3OutputPath(settings.outputPath()))
            .resourceConfig(r -> r.instanceType(settings.instanceType()).instanceCount(settings.instanceCount())
                .volumeSizeInGB(settings.volumeSizeGb()))
            .stoppingCondition(s -> s.maxRuntimeInSeconds((int) settings.maxRuntime().toSeconds()))
            .hyperParameters(settings.hyperParameters())
            .tags(tag(USE_CASE_PROPERTY, request.useCaseId()), tag(MODEL_VERSION_PROPERTY, request.modelVersionId())))
            .trainingJobArn();
        return new TrainingJobRef(request.jobName(), arn);
      } catch (AwsServiceException e) {
        if (!AwsErrors.isAlreadyExists(e)) {
          throw e;
        }
        // An earlier attempt's create went through although its answer was lost.
        return new TrainingJobRef(request.jobName(), describeJob(request.jobName()).orElseThrow().trainingJobArn());
      }
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "submitting training job " + request.jobName());
    }
  }

  /** Polls the job, heartbeating its status, until it ends; a failed or stopped job fails the step for good. */
  @Override
  public TrainingResult awaitTraining(TrainingRequest request, TrainingJobRef job) {
    try {
      DescribeTrainingJobResponse described = awaitEnd(job.jobName());
      return switch (described.trainingJobStatus()) {
        case COMPLETED -> result(request, described);
        case FAILED -> throw ApplicationFailure.newNonRetryableFailure("training job " + job.jobName() + " failed: "
            + described.failureReason() + "; fix the cause and train the model version again", TRAINING_FAILED);
        // awaitEnd returns only ended jobs, so what remains is Stopped.
        default -> throw ApplicationFailure.newNonRetryableFailure("training job " + job.jobName() + " was stopped"
            + (described.failureReason() == null ? "" : " (" + described.failureReason() + ")")
            + "; train the model version again to get a model", TRAINING_STOPPED);
      };
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "awaiting training job " + job.jobName());
    }
  }

  @Override
  public CandidateModel registerCandidate(RegistrationRequest request) {
    String group = request.modelPackageGroup();
    try {
      requireGroup(group);
      Optional<CandidateModel> registered = findRegistered(group, request.modelVersionId());
      if (registered.isPresent()) {
        return registered.get();
      }
      TrainingResult training = request.training();
      String arn = sageMaker.createModelPackage(b -> {
        b.modelPackageGroupName(group)
            .modelPackageDescription("Model version " + request.modelVersionId() + " of use case "
                + request.useCaseId() + ", trained by " + training.jobName())
            .modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL)
            .clientToken(clientToken(request.modelVersionId()))
            .customerMetadataProperties(Map.of(
                MODEL_VERSION_PROPERTY, request.modelVersionId(),
                USE_CASE_PROPERTY, request.useCaseId(),
                TRAINING_JOB_PROPERTY, training.jobName(),
                TEST_DATA_PROPERTY, training.testDataLocation()))
            .inferenceSpecification(i -> i.containers(InferencePipeline.containers(settings,
                    store.locationOf(encoderKey(request.useCaseId(), request.modelVersionId(), training.jobName())),
                    training.modelLocation()))
                .supportedContentTypes(CSV).supportedResponseMIMETypes(CSV));
        if (training.trainingMetrics() != null) {
          b.modelMetrics(m -> m.modelQuality(q -> q.statistics(s -> s.contentType(JSON)
              .s3Uri(training.trainingMetrics().location()))));
        }
        if (request.modelCard() != null) {
          b.modelCard(c -> c.modelCardStatus(ModelCardStatus.DRAFT)
              .modelCardContent(packageCard(request.modelCard(), training.modelLocation())));
        }
      }).modelPackageArn();
      return new CandidateModel(arn, group, training.modelLocation(), training.testDataLocation(),
          ModelVersionStatus.PendingManualApproval);
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "registering model version " + request.modelVersionId() + " in " + group);
    }
  }

  /**
   * The train channel in the form built-in XGBoost reads (headerless, label first, numbers only: see
   * {@link FeatureEncoding}, kept as evidence beside it); the test split keeps the dataset's header and values, since
   * model evaluation reads it as a table. Seeded, so a retry writes the same bytes under the same keys.
   */
  private String writeSplits(TrainingRequest request) {
    Dataset dataset = request.dataset();
    Table table = S3Datasets.read(store, dataset);
    LocalDatasets.requireTwoClasses(table, dataset.label());
    TrainTestSplit split = TrainTestSplit.stratified(table, dataset.label(), TrainTestSplit.TEST_FRACTION,
        request.seed());
    FeatureEncoding encoding = FeatureEncoding.fit(split.train(), dataset.label(), dataset.favourableLabel());
    encoding.store(store, request.useCaseId(), request.modelVersionId());
    store.put(encoderKey(request.useCaseId(), request.modelVersionId(), request.jobName()), "feature-encoder",
        InferencePipeline.encoderArtifact(encoding), "application/gzip");
    store.put(splitKey(request, "test.csv"), "test-split", split.test().toCsv(), CSV);
    return store.put(splitKey(request, "train.csv"), "train-split", encoding.trainingCsv(split.train()), CSV)
        .location();
  }

  private List<Channel> channels(String trainLocation) {
    List<Channel> channels = new ArrayList<>();
    channels.add(channel("train", trainLocation));
    settings.additionalChannels().forEach((name, uri) -> channels.add(channel(name, uri)));
    return channels;
  }

  private static Channel channel(String name, String s3Uri) {
    return Channel.builder().channelName(name).contentType(CSV)
        .dataSource(d -> d.s3DataSource(s -> s.s3DataType(S3DataType.S3_PREFIX).s3Uri(s3Uri)
            .s3DataDistributionType(S3DataDistribution.FULLY_REPLICATED)))
        .build();
  }

  private DescribeTrainingJobResponse awaitEnd(String jobName) {
    return SageMakerJobs.awaitEnd(
        () -> describeJob(jobName).orElseThrow(() -> DataProblem.TRAINING_JOB_NOT_FOUND.failure("training job "
            + jobName + " does not exist in SageMaker; call startTraining first")),
        described -> switch (described.trainingJobStatus()) {
          case COMPLETED, FAILED, STOPPED -> true;
          default -> false;
        },
        described -> jobName + ": " + described.trainingJobStatusAsString() + " / "
            + described.secondaryStatusAsString(),
        settings.pollInterval());
  }

  private TrainingResult result(TrainingRequest request, DescribeTrainingJobResponse job) {
    Map<String, Double> metrics = new TreeMap<>();
    for (MetricData metric : job.finalMetricDataList()) {
      metrics.put(metric.metricName(), metric.value().doubleValue());
    }
    EvidenceRef evidence = store.putEvidence(request.useCaseId(), request.modelVersionId(),
        EvidenceRef.TRAINING_METRICS, EvidenceJson.write(
            new TrainingMetrics(job.trainingJobName(), settings.trainingImage(), request.seed(), metrics)));
    return new TrainingResult(job.trainingJobName(), job.modelArtifacts().s3ModelArtifacts(),
        store.locationOf(splitKey(request, "test.csv")), metrics, evidence);
  }

  private Optional<DescribeTrainingJobResponse> describeJob(String jobName) {
    return SageMakerJobs.describe(() -> sageMaker.describeTrainingJob(b -> b.trainingJobName(jobName)));
  }

  private void requireGroup(String group) {
    try {
      sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName(group));
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        throw DataProblem.MODEL_PACKAGE_GROUP_NOT_FOUND.failure("model package group '" + group
            + "' does not exist: the project set-up step (3) creates it before training", e);
      }
      throw e;
    }
  }

  /**
   * The package an earlier attempt registered for this model version. Client tokens expire and the emulator ignores
   * them, so the group itself is searched: a group holds one package per model version of its use case.
   */
  private Optional<CandidateModel> findRegistered(String group, String modelVersionId) {
    for (ModelPackageSummary summary : sageMaker.listModelPackagesPaginator(b -> b.modelPackageGroupName(group))
        .modelPackageSummaryList()) {
      DescribeModelPackageResponse described =
          sageMaker.describeModelPackage(b -> b.modelPackageName(summary.modelPackageArn()));
      if (modelVersionId.equals(described.customerMetadataProperties().get(MODEL_VERSION_PROPERTY))) {
        return Optional.of(new CandidateModel(described.modelPackageArn(), group,
            InferencePipeline.modelArtifact(described.inferenceSpecification().containers()),
            described.customerMetadataProperties().get(TEST_DATA_PROPERTY),
            ModelVersionStatus.valueOf(described.modelApprovalStatusAsString())));
      }
    }
    return Optional.empty();
  }

  /**
   * The card as a model package carries it: the package model card schema has no model_package_details, and its
   * model_overview holds only the creator and the model artifact.
   */
  private String packageCard(EvidenceRef card, String modelLocation) {
    JsonNode document;
    try {
      document = json.readTree(store.get(card.location()));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable model card " + card.location(), e);
    }
    if (!document.path("content").isObject()) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure(card.location() + " is not a model card: no content "
          + "object; run the project set-up step (3) again to recreate it");
    }
    ObjectNode content = document.get("content").deepCopy();
    JsonNode owner = content.path("model_overview").path("model_owner");
    ObjectNode overview = content.putObject("model_overview");
    if (owner.isTextual()) {
      overview.put("model_creator", owner.asText());
    }
    overview.putArray("model_artifact").add(modelLocation);
    content.remove("model_package_details");
    try {
      return json.writeValueAsString(content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model card of " + card.location(), e);
    }
  }

  private static String splitKey(TrainingRequest request, String file) {
    return jobKey(request.useCaseId(), request.modelVersionId(), request.jobName()) + file;
  }

  private static String encoderKey(String useCaseId, String modelVersionId, String jobName) {
    return jobKey(useCaseId, modelVersionId, jobName) + "encoder/model.tar.gz";
  }

  private static String jobKey(String useCaseId, String modelVersionId, String jobName) {
    return "use-cases/" + useCaseId + "/" + modelVersionId + "/training/" + jobName + "/";
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
