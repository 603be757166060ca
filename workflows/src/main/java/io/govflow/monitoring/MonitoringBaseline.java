package io.govflow.monitoring;

import io.govflow.evidence.EvidenceRef;
import java.util.List;
import java.util.stream.Stream;

/**
 * What production traffic is checked against, in Model Monitor's formats: data-quality {@code statistics} and
 * {@code constraints} of the training data, {@code modelQualityConstraints} from the offline evaluation's binary
 * classification metrics, and the offline {@code postTrainingBias} report that bias drift is measured from.
 */
public record MonitoringBaseline(
    EvidenceRef statistics,
    EvidenceRef constraints,
    EvidenceRef modelQualityConstraints,
    EvidenceRef postTrainingBias) {

  public static final String STATISTICS = "monitoring-baseline-statistics";
  public static final String CONSTRAINTS = "monitoring-baseline-constraints";
  public static final String MODEL_QUALITY_CONSTRAINTS = "monitoring-model-quality-constraints";

  /** The baseline's documents, as evidence of the model version. */
  public List<EvidenceRef> documents() {
    return Stream.of(statistics, constraints, modelQualityConstraints, postTrainingBias)
        .filter(document -> document != null).toList();
  }
}
