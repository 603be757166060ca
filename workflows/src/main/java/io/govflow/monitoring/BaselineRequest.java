package io.govflow.monitoring;

import io.govflow.evidence.EvidenceRef;
import io.govflow.training.CandidateModel;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import java.util.List;

/** Baseline the candidate: its training data (the dataset without its label) and its evaluation evidence. */
public record BaselineRequest(
    String useCaseId,
    String modelVersionId,
    CandidateModel candidate,
    Dataset dataset,
    List<ProtectedFacet> facets,
    List<EvidenceRef> evidence) {}
