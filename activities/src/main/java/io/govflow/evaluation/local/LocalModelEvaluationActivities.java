package io.govflow.evaluation.local;

import io.govflow.common.Heartbeats;
import io.govflow.common.LocalDatasets;
import io.govflow.evaluation.ModelEvaluation;
import io.govflow.evaluation.ModelEvaluationActivities;
import io.govflow.evaluation.ModelEvaluationRequest;
import io.govflow.evaluation.metrics.BiasAnalysis;
import io.govflow.evaluation.metrics.BinaryClassification;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.FeatureImportance;
import io.govflow.evaluation.metrics.PermutationImportance;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.govflow.training.CandidateModel;
import io.govflow.training.local.LocalModel;
import io.govflow.training.local.ScoredRow;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores the candidate's held-out test split with the candidate's model and judges the predictions: quality against
 * the observed labels, bias across the protected facets, and which features the model leans on (permutation
 * importance). Documents go to fixed keys and every random draw is seeded, so a retry rewrites the same bytes.
 */
public class LocalModelEvaluationActivities implements ModelEvaluationActivities {

  private final ArtifactStore store;

  public LocalModelEvaluationActivities(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public ModelEvaluation evaluateModel(ModelEvaluationRequest request) {
    CandidateModel candidate = request.candidate();
    Dataset dataset = request.dataset();
    List<ProtectedFacet> facets = request.protectedFacets() == null ? List.of() : request.protectedFacets();
    LocalModel model = LocalModel.fromStore(store, candidate.modelLocation());
    Table test = LocalDatasets.readSplit(store, candidate.testDataLocation(), dataset);
    LocalDatasets.checkFacets(test, facets, candidate.testDataLocation());
    Heartbeats.beat("scoring " + test.rowCount() + " test rows");
    List<String> predicted = new ArrayList<>(test.rowCount());
    double[] favourableProbability = new double[test.rowCount()];
    for (int row = 0; row < test.rowCount(); row++) {
      ScoredRow scored = model.predict(test.row(row));
      predicted.add(scored.predictedLabel());
      favourableProbability[row] = scored.favourableProbability();
    }
    String useCase = request.useCaseId();
    String version = request.modelVersionId();
    EvidenceRef quality = store.putEvidence(useCase, version, EvidenceRef.MODEL_QUALITY,
        EvidenceJson.write(BinaryClassification.evaluate(dataset.label(), dataset.favourableLabel(),
            test.column(dataset.label()), predicted, favourableProbability)));
    EvidenceRef bias = store.putEvidence(useCase, version, EvidenceRef.POST_TRAINING_BIAS,
        EvidenceJson.write(BiasAnalysis.postTraining(test, dataset.label(), dataset.favourableLabel(), predicted,
            facets)));
    List<String> features = new ArrayList<>(model.encoding().numericColumns());
    features.addAll(model.encoding().categoricalColumns());
    EvidenceRef importance = store.putEvidence(useCase, version, FeatureImportance.EVIDENCE_NAME,
        EvidenceJson.write(PermutationImportance.measure(test, dataset.label(), dataset.favourableLabel(), features,
            row -> model.predict(row).favourableProbability(), PermutationImportance.DEFAULT_REPEATS,
            PermutationImportance.DEFAULT_SEED, Heartbeats::beat)));
    return new ModelEvaluation(List.of(quality, bias, importance));
  }
}
