package io.govflow.dataevaluation;

import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import java.util.List;

public record DataEvaluationRequest(
    String useCaseId, String modelVersionId, Dataset dataset, List<ProtectedFacet> protectedFacets) {}
