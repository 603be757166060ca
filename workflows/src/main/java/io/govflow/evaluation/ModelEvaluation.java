package io.govflow.evaluation;

import io.govflow.evidence.EvidenceRef;
import java.util.List;

/**
 * Step 6's evidence: {@code model-quality} (Model Monitor binary_classification_metrics shape: accuracy, precision,
 * recall, f1, auc, confusion matrix) and {@code post-training-bias} (Clarify shape: DPPL, DI, DCA, DAR, AD).
 */
public record ModelEvaluation(List<EvidenceRef> evidence) {}
