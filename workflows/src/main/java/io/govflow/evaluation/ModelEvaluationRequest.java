package io.govflow.evaluation;

import io.govflow.training.CandidateModel;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import java.util.List;

public record ModelEvaluationRequest(
    String useCaseId,
    String modelVersionId,
    CandidateModel candidate,
    Dataset dataset,
    List<ProtectedFacet> protectedFacets) {}
