package io.govflow.dataevaluation;

import io.govflow.evidence.EvidenceRef;
import java.util.List;

/**
 * Step 4's evidence: {@code data-statistics} (Model Monitor statistics.json shape, plus missing values and class
 * balance) and {@code pre-training-bias} (Clarify analysis.json shape: CI, DPL, KL, JS, KS per facet).
 */
public record DataEvaluation(int rowCount, List<EvidenceRef> evidence) {}
