package io.govflow.dataevaluation.local;

import io.govflow.common.Heartbeats;
import io.govflow.common.LocalDatasets;
import io.govflow.dataevaluation.DataEvaluation;
import io.govflow.dataevaluation.DataEvaluationActivities;
import io.govflow.dataevaluation.DataEvaluationRequest;
import io.govflow.evaluation.metrics.BiasAnalysis;
import io.govflow.evaluation.metrics.DataProfiler;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import java.nio.file.Path;
import java.util.List;

/**
 * Profiles the use case's CSV and measures its pre-training bias. Both documents go to fixed keys of the model
 * version, so a retry rewrites the same bytes.
 */
public class LocalDataEvaluationActivities implements DataEvaluationActivities {

  private final ArtifactStore store;
  private final LocalDatasets datasets;

  /** @param dataRoot the folder relative dataset locations are resolved against */
  public LocalDataEvaluationActivities(ArtifactStore store, Path dataRoot) {
    this.store = store;
    this.datasets = new LocalDatasets(dataRoot);
  }

  @Override
  public DataEvaluation evaluateData(DataEvaluationRequest request) {
    Dataset dataset = request.dataset();
    List<ProtectedFacet> facets = request.protectedFacets() == null ? List.of() : request.protectedFacets();
    Table table = datasets.read(dataset);
    LocalDatasets.checkFacets(table, facets, dataset.location());
    Heartbeats.beat("profiling " + table.rowCount() + " rows");
    String useCase = request.useCaseId();
    String version = request.modelVersionId();
    EvidenceRef statistics = store.putEvidence(useCase, version, EvidenceRef.DATA_STATISTICS,
        EvidenceJson.write(DataProfiler.profile(table, dataset.label(), dataset.favourableLabel())));
    EvidenceRef bias = store.putEvidence(useCase, version, EvidenceRef.PRE_TRAINING_BIAS,
        EvidenceJson.write(BiasAnalysis.preTraining(table, dataset.label(), dataset.favourableLabel(), facets)));
    return new DataEvaluation(table.rowCount(), List.of(statistics, bias));
  }
}
