package io.govflow.dataevaluation.aws;

import io.govflow.common.DataProblem;
import io.govflow.common.Heartbeats;
import io.govflow.common.LocalDatasets;
import io.govflow.common.aws.ClarifyJobs;
import io.govflow.common.aws.ClarifyJobs.ClarifyRun;
import io.govflow.common.aws.ClarifySettings;
import io.govflow.common.aws.S3Datasets;
import io.govflow.common.aws.SageMakerJobs;
import io.govflow.common.aws.SageMakerNames;
import io.govflow.dataevaluation.DataEvaluation;
import io.govflow.dataevaluation.DataEvaluationActivities;
import io.govflow.dataevaluation.DataEvaluationRequest;
import io.govflow.evaluation.clarify.ClarifyBiasConfig;
import io.govflow.evaluation.metrics.BiasAnalysis;
import io.govflow.evaluation.metrics.BiasReport;
import io.govflow.evaluation.metrics.DataProfiler;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.EvidenceRef;
import io.govflow.evidence.aws.S3ArtifactStore;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Step 4 on SageMaker: pre-training bias by a SageMaker Clarify processing job ({@code gf-<modelVersionId>-data-bias}),
 * data statistics by govflow's profiler. The worker reads the use case's CSV from S3 first, checks the label and the
 * facets against it, then writes the data set (headerless) and its analysis_config.json beside the model version's
 * artifacts and runs Clarify on them; the pre_training_bias_metrics of the job's analysis.json become the
 * {@code pre-training-bias} evidence, in the shape the local provider writes. The step is one activity, as the
 * workflow calls it: the job is polled with heartbeats, and a retried attempt adopts the job of its name if it read
 * the same inputs ({@link SageMakerJobs}).
 *
 * <p>Why the statistics are not a SageMaker job's: Clarify computes bias, not statistics. Model Monitor's
 * data-quality baselining job would give statistics.json, but without the {@code label} section (class balance) and
 * the {@code quality_checks} the governance policy reads, so govflow's profiler would have to run anyway; and the
 * worker already holds the table it checked. So the {@code data-statistics} document is computed by the same
 * {@link DataProfiler} as on the local provider, in Model Monitor's statistics.json shape, byte for byte what the
 * local provider writes for the same data. The data set is read into the worker's memory, which bounds its size.
 * The bias numbers follow Clarify's own conventions where they differ from govflow's engine: smclarify counts a row
 * whose facet value is missing in group a, where the engine leaves the row out, so on data with missing values the
 * providers' numbers can differ.
 *
 * <p>Without protected facets there is no bias to measure and Clarify refuses a configuration without a facet, so
 * no job runs and the document has no facets, as on the local provider.
 */
public class AwsDataEvaluationActivities implements DataEvaluationActivities {

  /** The step's part of the Clarify job's name. */
  public static final String JOB_STEP = "data-bias";

  private final S3ArtifactStore store;
  private final ClarifyJobs clarify;

  public AwsDataEvaluationActivities(SageMakerClient sageMaker, S3ArtifactStore store, ClarifySettings settings) {
    this.store = store;
    this.clarify = new ClarifyJobs(sageMaker, store, settings);
  }

  public static String jobName(String modelVersionId) {
    return SageMakerNames.of(modelVersionId, JOB_STEP);
  }

  @Override
  public DataEvaluation evaluateData(DataEvaluationRequest request) {
    Dataset dataset = request.dataset();
    List<ProtectedFacet> facets = request.protectedFacets() == null ? List.of() : request.protectedFacets();
    Table table = S3Datasets.read(store, dataset);
    LocalDatasets.checkFacets(table, facets, dataset.location());
    Heartbeats.beat("profiling " + table.rowCount() + " rows");
    String useCase = request.useCaseId();
    String version = request.modelVersionId();
    EvidenceRef statistics = store.putEvidence(useCase, version, EvidenceRef.DATA_STATISTICS,
        EvidenceJson.write(DataProfiler.profile(table, dataset.label(), dataset.favourableLabel())));
    BiasReport bias = facets.isEmpty()
        ? BiasAnalysis.preTraining(table, dataset.label(), dataset.favourableLabel(), facets)
        : clarifyPreTraining(request, table, facets);
    EvidenceRef biasEvidence = store.putEvidence(useCase, version, EvidenceRef.PRE_TRAINING_BIAS,
        EvidenceJson.write(bias));
    return new DataEvaluation(table.rowCount(), List.of(statistics, biasEvidence));
  }

  private BiasReport clarifyPreTraining(DataEvaluationRequest request, Table table, List<ProtectedFacet> facets) {
    Dataset dataset = request.dataset();
    byte[] config;
    try {
      config = ClarifyBiasConfig.preTraining(table, dataset.label(), dataset.favourableLabel(), facets);
    } catch (IllegalArgumentException e) {
      throw DataProblem.FACET_INVALID.failure("the use case's label or facets cannot be given to Clarify as meant: "
          + e.getMessage(), e);
    }
    String jobName = jobName(request.modelVersionId());
    ClarifyRun run = new ClarifyRun(jobName,
        "use-cases/" + request.useCaseId() + "/" + request.modelVersionId() + "/data-evaluation/" + jobName + "/",
        table.toHeaderlessCsv(), config, SageMakerNames.tags(request.useCaseId(), request.modelVersionId()));
    BiasReport analysis = clarify.analyse(run);
    if (analysis.preTrainingBiasMetrics() == null) {
      throw ApplicationFailure.newNonRetryableFailure(clarify.analysisLocation(run) + " has no "
          + "pre_training_bias_metrics although the job was asked for them; see the job's logs in CloudWatch",
          SageMakerJobs.OUTPUT_UNREADABLE);
    }
    return new BiasReport(BiasReport.VERSION, analysis.preTrainingBiasMetrics(), null);
  }
}
