package io.govflow.evaluation;

import io.temporal.activity.ActivityInterface;

/** Step 6, one implementation per provider. */
@ActivityInterface
public interface ModelEvaluationActivities {

  ModelEvaluation evaluateModel(ModelEvaluationRequest request);
}
