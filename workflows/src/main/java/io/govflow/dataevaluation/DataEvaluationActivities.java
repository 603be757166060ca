package io.govflow.dataevaluation;

import io.temporal.activity.ActivityInterface;

/** Step 4, one implementation per provider. Writes its documents under deterministic names: a retry overwrites. */
@ActivityInterface
public interface DataEvaluationActivities {

  DataEvaluation evaluateData(DataEvaluationRequest request);
}
