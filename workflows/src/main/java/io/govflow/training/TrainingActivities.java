package io.govflow.training;

import io.temporal.activity.ActivityInterface;

/**
 * Step 5, one implementation per provider. Submit and wait are separate so that a cloud job that runs for hours is
 * awaited by a heartbeating poll; each call adopts what an earlier attempt already made.
 */
@ActivityInterface
public interface TrainingActivities {

  TrainingJobRef startTraining(TrainingRequest request);

  TrainingResult awaitTraining(TrainingRequest request, TrainingJobRef job);

  CandidateModel registerCandidate(RegistrationRequest request);
}
