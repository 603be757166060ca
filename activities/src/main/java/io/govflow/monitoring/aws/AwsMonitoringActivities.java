package io.govflow.monitoring.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.common.DataProblem;
import io.govflow.common.Digests;
import io.govflow.common.GovflowDataConverter;
import io.govflow.common.ResourceNames;
import io.govflow.common.aws.AwsErrors;
import io.govflow.common.aws.S3Datasets;
import io.govflow.common.aws.SageMakerJobs;
import io.govflow.common.aws.SageMakerNames;
import io.govflow.common.aws.SageMakerResources;
import io.govflow.deployment.EndpointNames;
import io.govflow.deployment.Environment;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.ModelQuality;
import io.govflow.evaluation.metrics.ModelQualityMonitor;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.monitoring.BaselineRequest;
import io.govflow.monitoring.GroundTruthStore;
import io.govflow.monitoring.Monitor;
import io.govflow.monitoring.MonitoringActivities;
import io.govflow.monitoring.MonitoringBaseline;
import io.govflow.monitoring.MonitoringRun;
import io.govflow.monitoring.MonitoringRunRequest;
import io.govflow.monitoring.MonitoringViolation;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeDataQualityJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelQualityJobDefinitionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ExecutionStatus;
import software.amazon.awssdk.services.sagemaker.model.MonitoringClusterConfig;
import software.amazon.awssdk.services.sagemaker.model.MonitoringExecutionSortKey;
import software.amazon.awssdk.services.sagemaker.model.MonitoringExecutionSummary;
import software.amazon.awssdk.services.sagemaker.model.MonitoringOutputConfig;
import software.amazon.awssdk.services.sagemaker.model.MonitoringProblemType;
import software.amazon.awssdk.services.sagemaker.model.MonitoringScheduleConfig;
import software.amazon.awssdk.services.sagemaker.model.MonitoringType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3DataDistributionType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3DataType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3InputMode;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3UploadMode;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Steps 12 and 13 on SageMaker Model Monitor.
 *
 * <p>{@code createBaseline} runs the analyzer as a processing job ({@code gf-<modelVersionId>-baseline}) over the use
 * case's dataset without its label (the columns the endpoint receives) and keeps the statistics.json and
 * constraints.json it writes as the model version's evidence; suggests model-quality constraints from the offline
 * evaluation ({@link ModelQualityMonitor#suggestConstraints}); and defines the version's data-quality and
 * model-quality monitoring jobs against the production endpoint, with the ground truth posted under
 * {@code ground-truth/<useCaseId>/}. The endpoint's two hourly schedules ({@code gf-<useCaseId>-prod-data-quality},
 * {@code ...-prod-model-quality}) are created, or pointed at the new version's job definitions: SageMaker allows one
 * schedule of each kind per endpoint.
 *
 * <p>{@code runMonitoring} reads what the schedules found: the executions scheduled in the run's window for this
 * version's job definitions, waiting (heartbeating) for those still running, and from each completed one the
 * constraint_violations.json and statistics.json its processing job wrote. An execution that failed because its hour
 * had no traffic counts as nothing; one that failed otherwise is a violation of its own
 * ({@value #EXECUTION_FAILED}), since a monitor that cannot run watches nothing. It only reads, so a retry reads the
 * same.
 */
public class AwsMonitoringActivities implements MonitoringActivities {

  public static final String DATA_QUALITY_STATISTICS = "data-quality-statistics";
  public static final String DATA_QUALITY_VIOLATIONS = "data-quality-constraint-violations";
  public static final String MODEL_QUALITY_STATISTICS = "model-quality-statistics";
  public static final String MODEL_QUALITY_VIOLATIONS = "model-quality-constraint-violations";
  /** Check type of a monitoring execution that failed for another reason than an hour without traffic. */
  public static final String EXECUTION_FAILED = "monitoring_execution_failed";

  /** The analyzer's container contract: where a processing job mounts its inputs and collects its outputs. */
  static final String BASELINE_INPUT = "baseline_dataset_input";
  static final String BASELINE_INPUT_PATH = "/opt/ml/processing/input/" + BASELINE_INPUT;
  static final String ENDPOINT_INPUT_PATH = "/opt/ml/processing/input/endpoint";
  static final String OUTPUT_NAME = "monitoring_output";
  static final String OUTPUT_PATH = "/opt/ml/processing/output";
  /** The analyzer's contract for a baseline: a CSV with a header in, statistics.json and constraints.json out. */
  static final Map<String, String> BASELINE_ENVIRONMENT = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
      "dataset_format", "{\"csv\":{\"header\":true}}",
      "dataset_source", BASELINE_INPUT_PATH,
      "output_path", OUTPUT_PATH,
      "publish_cloudwatch_metrics", "Disabled")));
  /** Built-in XGBoost answers one CSV column, the probability of the favourable class. */
  static final String PROBABILITY_ATTRIBUTE = "0";
  static final double PROBABILITY_THRESHOLD = 0.5;

  private static final Logger LOG = Logger.getLogger(AwsMonitoringActivities.class);
  private static final String JSON = "application/json";
  private static final Set<ExecutionStatus> RUNNING =
      Set.of(ExecutionStatus.PENDING, ExecutionStatus.IN_PROGRESS, ExecutionStatus.STOPPING);

  private final SageMakerClient sageMaker;
  private final S3ArtifactStore store;
  private final MonitoringSettings settings;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  public AwsMonitoringActivities(SageMakerClient sageMaker, S3ArtifactStore store, MonitoringSettings settings) {
    this.sageMaker = sageMaker;
    this.store = store;
    this.settings = settings;
  }

  public static String baselineJobName(String modelVersionId) {
    return SageMakerNames.of(modelVersionId, "baseline");
  }

  public static String jobDefinitionName(Monitor monitor, String modelVersionId) {
    return SageMakerNames.of(modelVersionId, kind(monitor));
  }

  /** One schedule per kind on the use case's production endpoint, whichever version it serves. */
  public static String scheduleName(Monitor monitor, String useCaseId) {
    return ResourceNames.of(useCaseId, Environment.PRODUCTION.suffix() + "-" + kind(monitor));
  }

  /**
   * The key under which ground truth for the use case's production traffic is posted, hour by hour: where the API's
   * {@link GroundTruthStore} writes it, as 1 and 0 ({@link io.govflow.monitoring.GroundTruthEncoding}).
   */
  public static String groundTruthKey(String useCaseId) {
    return GroundTruthStore.folderOf(useCaseId);
  }

  @Override
  public MonitoringBaseline createBaseline(BaselineRequest request) {
    String useCase = request.useCaseId();
    String version = request.modelVersionId();
    String endpoint = EndpointNames.of(useCase, Environment.PRODUCTION);
    try {
      String output = baseline(request);
      EvidenceRef statistics = keep(request, MonitoringBaseline.STATISTICS, output + "/statistics.json");
      EvidenceRef constraints = keep(request, MonitoringBaseline.CONSTRAINTS, output + "/constraints.json");
      ensureDataQualityDefinition(request, endpoint, statistics, constraints);
      ensureSchedule(Monitor.DATA_QUALITY, useCase, version);

      EvidenceRef qualityConstraints = evidence(request, EvidenceRef.MODEL_QUALITY)
          .map(quality -> store.putEvidence(useCase, version, MonitoringBaseline.MODEL_QUALITY_CONSTRAINTS,
              EvidenceJson.write(ModelQualityMonitor.suggestConstraints(modelQuality(quality),
                  ModelQualityMonitor.MONITORING_STANDARD_DEVIATIONS))))
          .orElse(null);
      if (qualityConstraints != null) {
        ensureModelQualityDefinition(request, endpoint, qualityConstraints);
        ensureSchedule(Monitor.MODEL_QUALITY, useCase, version);
      } else {
        // Without an evaluation there is nothing to hold this version to; an earlier version's schedule would
        // judge it by that version's constraints.
        SageMakerResources.deleteSchedule(sageMaker, scheduleName(Monitor.MODEL_QUALITY, useCase),
            settings.pollInterval());
      }
      return new MonitoringBaseline(statistics, constraints, qualityConstraints,
          evidence(request, EvidenceRef.POST_TRAINING_BIAS).orElse(null));
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "creating the monitoring baseline and schedules of model version " + version);
    }
  }

  @Override
  public MonitoringRun runMonitoring(MonitoringRunRequest request) {
    Findings findings = new Findings();
    try {
      read(Monitor.DATA_QUALITY, request, findings);
      if (request.baseline().modelQualityConstraints() != null) {
        read(Monitor.MODEL_QUALITY, request, findings);
      }
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "reading the monitoring executions of run " + request.runId());
    }
    return new MonitoringRun(request.runId(), request.useCaseId(), request.modelVersionId(), request.windowStart(),
        request.windowEnd(), findings.captured, findings.labelled, List.copyOf(findings.reports),
        List.copyOf(findings.violations));
  }

  /**
   * The baselining job, created with its input staged unless an earlier attempt created it, and awaited; returns
   * where it wrote its documents.
   */
  private String baseline(BaselineRequest request) {
    String job = baselineJobName(request.modelVersionId());
    String root = "monitoring/" + request.useCaseId() + "/" + request.modelVersionId() + "/baseline";
    String input = store.locationOf(root + "/input/dataset.csv");
    String output = store.locationOf(root + "/output");
    SageMakerResources.ensure("baselining job " + job,
        () -> sageMaker.describeProcessingJob(b -> b.processingJobName(job)),
        (DescribeProcessingJobResponse existing) -> existing.processingInputs().size() == 1
            && input.equals(existing.processingInputs().get(0).s3Input().s3Uri()),
        () -> {
          stageBaselineInput(request, root + "/input/dataset.csv");
          sageMaker.createProcessingJob(b -> b.processingJobName(job)
              .appSpecification(a -> a.imageUri(settings.analyzerImage()))
              .environment(BASELINE_ENVIRONMENT)
              .processingInputs(i -> i.inputName(BASELINE_INPUT).s3Input(s -> s.s3Uri(input)
                  .localPath(BASELINE_INPUT_PATH).s3DataType(ProcessingS3DataType.S3_PREFIX)
                  .s3InputMode(ProcessingS3InputMode.FILE)
                  .s3DataDistributionType(ProcessingS3DataDistributionType.FULLY_REPLICATED)))
              .processingOutputConfig(o -> o.outputs(out -> out.outputName(OUTPUT_NAME).s3Output(s -> s.s3Uri(output)
                  .localPath(OUTPUT_PATH).s3UploadMode(ProcessingS3UploadMode.END_OF_JOB))))
              .processingResources(r -> r.clusterConfig(c -> c.instanceType(settings.instanceType())
                  .instanceCount(settings.instanceCount()).volumeSizeInGB(settings.volumeSizeGb())))
              .stoppingCondition(s -> s.maxRuntimeInSeconds((int) settings.maxRuntime().toSeconds()))
              .roleArn(settings.roleArn())
              .tags(SageMakerNames.tags(request.useCaseId(), request.modelVersionId())));
        });
    DescribeProcessingJobResponse ended = SageMakerJobs.awaitEnd(
        () -> sageMaker.describeProcessingJob(b -> b.processingJobName(job)),
        described -> Set.of(ProcessingJobStatus.COMPLETED, ProcessingJobStatus.FAILED, ProcessingJobStatus.STOPPED)
            .contains(described.processingJobStatus()),
        described -> job + ": " + described.processingJobStatusAsString(),
        settings.pollInterval());
    return switch (ended.processingJobStatus()) {
      case COMPLETED -> output;
      case FAILED -> throw SageMakerJobs.failed("baselining job " + job, ended.failureReason());
      default -> throw SageMakerJobs.stopped("baselining job " + job, ended.failureReason());
    };
  }

  /** The use case's rows without the label, with their header: the columns the production endpoint is sent. */
  private void stageBaselineInput(BaselineRequest request, String key) {
    byte[] rows = S3Datasets.read(store, request.dataset()).without(request.dataset().label()).toCsv();
    store.put(key, "monitoring-baseline-dataset", rows, "text/csv");
  }

  /** A document the baselining job wrote, kept under the model version's evidence key. */
  private EvidenceRef keep(BaselineRequest request, String name, String location) {
    byte[] document;
    try {
      document = store.get(location);
    } catch (ArtifactNotFoundException e) {
      throw unreadableOutput(location + " is missing although the baselining job completed: the analyzer image ("
          + settings.analyzerImage() + ") must be SageMaker's sagemaker-model-monitor-analyzer", e);
    }
    return store.putEvidence(request.useCaseId(), request.modelVersionId(), name, document);
  }

  private void ensureDataQualityDefinition(BaselineRequest request, String endpoint, EvidenceRef statistics,
      EvidenceRef constraints) {
    String name = jobDefinitionName(Monitor.DATA_QUALITY, request.modelVersionId());
    SageMakerResources.ensure("data-quality job definition " + name,
        () -> sageMaker.describeDataQualityJobDefinition(b -> b.jobDefinitionName(name)),
        (DescribeDataQualityJobDefinitionResponse existing) -> existing.dataQualityBaselineConfig() != null
            && constraints.location().equals(existing.dataQualityBaselineConfig().constraintsResource().s3Uri())
            && endpoint.equals(existing.dataQualityJobInput().endpointInput().endpointName()),
        () -> sageMaker.createDataQualityJobDefinition(b -> b.jobDefinitionName(name)
            .dataQualityAppSpecification(a -> a.imageUri(settings.analyzerImage()))
            .dataQualityBaselineConfig(c -> c.constraintsResource(r -> r.s3Uri(constraints.location()))
                .statisticsResource(r -> r.s3Uri(statistics.location())))
            .dataQualityJobInput(i -> i.endpointInput(e -> e.endpointName(endpoint).localPath(ENDPOINT_INPUT_PATH)
                .s3InputMode(ProcessingS3InputMode.FILE)
                .s3DataDistributionType(ProcessingS3DataDistributionType.FULLY_REPLICATED)))
            .dataQualityJobOutputConfig(output(request, Monitor.DATA_QUALITY))
            .jobResources(r -> r.clusterConfig(cluster()))
            .stoppingCondition(s -> s.maxRuntimeInSeconds((int) settings.maxRuntime().toSeconds()))
            .roleArn(settings.roleArn())
            .tags(SageMakerNames.tags(request.useCaseId(), request.modelVersionId()))));
  }

  private void ensureModelQualityDefinition(BaselineRequest request, String endpoint, EvidenceRef constraints) {
    String name = jobDefinitionName(Monitor.MODEL_QUALITY, request.modelVersionId());
    String groundTruth = store.locationOf(groundTruthKey(request.useCaseId()));
    SageMakerResources.ensure("model-quality job definition " + name,
        () -> sageMaker.describeModelQualityJobDefinition(b -> b.jobDefinitionName(name)),
        (DescribeModelQualityJobDefinitionResponse existing) -> existing.modelQualityBaselineConfig() != null
            && constraints.location().equals(existing.modelQualityBaselineConfig().constraintsResource().s3Uri())
            && endpoint.equals(existing.modelQualityJobInput().endpointInput().endpointName())
            && groundTruth.equals(existing.modelQualityJobInput().groundTruthS3Input().s3Uri()),
        () -> sageMaker.createModelQualityJobDefinition(b -> b.jobDefinitionName(name)
            .modelQualityAppSpecification(a -> a.imageUri(settings.analyzerImage())
                .problemType(MonitoringProblemType.BINARY_CLASSIFICATION))
            .modelQualityBaselineConfig(c -> c.constraintsResource(r -> r.s3Uri(constraints.location())))
            .modelQualityJobInput(i -> i.endpointInput(e -> e.endpointName(endpoint).localPath(ENDPOINT_INPUT_PATH)
                    .s3InputMode(ProcessingS3InputMode.FILE)
                    .s3DataDistributionType(ProcessingS3DataDistributionType.FULLY_REPLICATED)
                    .probabilityAttribute(PROBABILITY_ATTRIBUTE).probabilityThresholdAttribute(PROBABILITY_THRESHOLD))
                .groundTruthS3Input(g -> g.s3Uri(groundTruth)))
            .modelQualityJobOutputConfig(output(request, Monitor.MODEL_QUALITY))
            .jobResources(r -> r.clusterConfig(cluster()))
            .stoppingCondition(s -> s.maxRuntimeInSeconds((int) settings.maxRuntime().toSeconds()))
            .roleArn(settings.roleArn())
            .tags(SageMakerNames.tags(request.useCaseId(), request.modelVersionId()))));
  }

  /** Each execution writes under {@code <this>/<endpoint>/<schedule>/yyyy/MM/dd/HH/}. */
  private MonitoringOutputConfig output(BaselineRequest request, Monitor monitor) {
    String location = store.locationOf("monitoring/" + request.useCaseId() + "/" + request.modelVersionId() + "/"
        + kind(monitor));
    return MonitoringOutputConfig.builder().monitoringOutputs(o -> o.s3Output(s -> s.s3Uri(location)
        .localPath(OUTPUT_PATH).s3UploadMode(ProcessingS3UploadMode.END_OF_JOB))).build();
  }

  private MonitoringClusterConfig cluster() {
    return MonitoringClusterConfig.builder().instanceType(settings.instanceType())
        .instanceCount(settings.instanceCount()).volumeSizeInGB(settings.volumeSizeGb()).build();
  }

  /** Creates the schedule, or points it at this version's job definition when it runs an earlier version's. */
  private void ensureSchedule(Monitor monitor, String useCaseId, String modelVersionId) {
    String name = scheduleName(monitor, useCaseId);
    String definition = jobDefinitionName(monitor, modelVersionId);
    MonitoringScheduleConfig config = MonitoringScheduleConfig.builder()
        .scheduleConfig(s -> s.scheduleExpression(settings.scheduleExpression()))
        .monitoringJobDefinitionName(definition)
        .monitoringType(monitor == Monitor.DATA_QUALITY ? MonitoringType.DATA_QUALITY : MonitoringType.MODEL_QUALITY)
        .build();
    Optional<DescribeMonitoringScheduleResponse> existing =
        SageMakerResources.settledSchedule(sageMaker, name, settings.pollInterval());
    if (existing.isEmpty()) {
      try {
        sageMaker.createMonitoringSchedule(b -> b.monitoringScheduleName(name).monitoringScheduleConfig(config)
            .tags(Tag.builder().key(SageMakerNames.USE_CASE_TAG).value(useCaseId).build()));
        return;
      } catch (AwsServiceException e) {
        if (!AwsErrors.isAlreadyExists(e)) {
          throw e;
        }
        existing = SageMakerResources.settledSchedule(sageMaker, name, settings.pollInterval());
      }
    }
    boolean current = existing.map(schedule -> definition.equals(
        schedule.monitoringScheduleConfig().monitoringJobDefinitionName())).orElse(false);
    if (!current) {
      sageMaker.updateMonitoringSchedule(b -> b.monitoringScheduleName(name).monitoringScheduleConfig(config));
    }
  }

  /** The monitor's executions of this version in the window, once none is still running, read into findings. */
  private void read(Monitor monitor, MonitoringRunRequest request, Findings findings) {
    String schedule = scheduleName(monitor, request.useCaseId());
    String definition = jobDefinitionName(monitor, request.modelVersionId());
    List<MonitoringExecutionSummary> executions = SageMakerJobs.awaitEnd(
        () -> executions(schedule, definition, request.windowStart(), request.windowEnd()),
        listed -> listed.stream().noneMatch(execution -> RUNNING.contains(execution.monitoringExecutionStatus())),
        listed -> schedule + ": waiting for " + listed.stream()
            .filter(execution -> RUNNING.contains(execution.monitoringExecutionStatus()))
            .map(execution -> execution.scheduledTime().toString()).toList(),
        settings.pollInterval());
    for (MonitoringExecutionSummary execution : executions) {
      switch (execution.monitoringExecutionStatus()) {
        case COMPLETED, COMPLETED_WITH_VIOLATIONS -> readOutputs(monitor, execution, findings);
        case FAILED -> {
          if (withoutTraffic(execution.failureReason())) {
            LOG.infof("%s at %s had no traffic to check: %s", schedule, execution.scheduledTime(),
                execution.failureReason());
          } else {
            findings.violations.add(new MonitoringViolation(monitor, EXECUTION_FAILED, schedule,
                "The " + kind(monitor) + " monitoring execution scheduled at " + execution.scheduledTime()
                    + " failed: " + execution.failureReason(), null));
          }
        }
        default -> LOG.infof("%s at %s ended %s: nothing to read", schedule, execution.scheduledTime(),
            execution.monitoringExecutionStatusAsString());
      }
    }
  }

  /** Scheduled in [start, end) and run with this version's job definition. */
  private List<MonitoringExecutionSummary> executions(String schedule, String definition, Instant start,
      Instant end) {
    return sageMaker.listMonitoringExecutionsPaginator(b -> b.monitoringScheduleName(schedule)
            .monitoringJobDefinitionName(definition).scheduledTimeAfter(start).scheduledTimeBefore(end)
            .sortBy(MonitoringExecutionSortKey.SCHEDULED_TIME).sortOrder(SortOrder.ASCENDING))
        .monitoringExecutionSummaries().stream()
        // Whether the service's bounds include their instants is not documented; the window's are exact.
        .filter(execution -> !execution.scheduledTime().isBefore(start) && execution.scheduledTime().isBefore(end))
        .toList();
  }

  private void readOutputs(Monitor monitor, MonitoringExecutionSummary execution, Findings findings) {
    String job = execution.processingJobArn().substring(execution.processingJobArn().lastIndexOf('/') + 1);
    String output = sageMaker.describeProcessingJob(b -> b.processingJobName(job))
        .processingOutputConfig().outputs().get(0).s3Output().s3Uri();
    boolean dataQuality = monitor == Monitor.DATA_QUALITY;
    report(dataQuality ? DATA_QUALITY_STATISTICS : MODEL_QUALITY_STATISTICS, output + "/statistics.json", findings)
        .ifPresent(statistics -> {
          long items = statistics.path("dataset").path("item_count").asLong(0);
          if (dataQuality) {
            findings.captured += items;
          } else {
            findings.labelled += items;
          }
        });
    String violationsReport = dataQuality ? DATA_QUALITY_VIOLATIONS : MODEL_QUALITY_VIOLATIONS;
    report(violationsReport, output + "/constraint_violations.json", findings).ifPresent(document -> {
      for (JsonNode violation : document.path("violations")) {
        String subject = violation.hasNonNull("feature_name")
            ? violation.get("feature_name").asText()
            : violation.path("metric_name").asText(null);
        findings.violations.add(new MonitoringViolation(monitor, violation.path("constraint_check_type").asText(),
            subject, violation.path("description").asText(), violationsReport));
      }
    });
  }

  /** The document at {@code location} as a report of the run, or empty when the execution wrote none there. */
  private Optional<JsonNode> report(String name, String location, Findings findings) {
    if (!store.exists(location)) {
      return Optional.empty();
    }
    byte[] document = store.get(location);
    try {
      JsonNode parsed = json.readTree(document);
      findings.reports.add(new EvidenceRef(name, location, Digests.sha256(document), JSON));
      return Optional.of(parsed);
    } catch (IOException e) {
      throw unreadableOutput(location + " is not JSON (" + e.getMessage() + "): the monitoring image ("
          + settings.analyzerImage() + ") must write Model Monitor's documents", e);
    }
  }

  /** Model Monitor fails an execution whose hour captured nothing; that is no finding. */
  private static boolean withoutTraffic(String failureReason) {
    return failureReason != null && failureReason.toLowerCase(Locale.ROOT).contains("no data");
  }

  private ModelQuality modelQuality(EvidenceRef quality) {
    try {
      return EvidenceJson.read(store.get(quality.location()), ModelQuality.class);
    } catch (ArtifactNotFoundException | IllegalArgumentException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("the model-quality evidence at " + quality.location()
          + " cannot be read (" + e.getMessage() + "): evaluate the model version again", e);
    }
  }

  private static Optional<EvidenceRef> evidence(BaselineRequest request, String name) {
    return request.evidence() == null
        ? Optional.empty()
        : request.evidence().stream().filter(ref -> ref.name().equals(name)).findFirst();
  }

  private static String kind(Monitor monitor) {
    return switch (monitor) {
      case DATA_QUALITY -> "data-quality";
      case MODEL_QUALITY -> "model-quality";
      case BIAS_DRIFT -> "bias-drift";
    };
  }

  private static ApplicationFailure unreadableOutput(String message, Throwable cause) {
    return ApplicationFailure.newNonRetryableFailureWithCause(message, SageMakerJobs.OUTPUT_UNREADABLE, cause);
  }

  /** What the run's executions add up to. */
  private static final class Findings {
    private long captured;
    private long labelled;
    private final List<EvidenceRef> reports = new ArrayList<>();
    private final List<MonitoringViolation> violations = new ArrayList<>();
  }
}
