package io.govflow.project;

import io.temporal.activity.ActivityInterface;

/** Step 3, one implementation per provider. Safe to run twice: an existing project, group or card is adopted. */
@ActivityInterface
public interface ProjectActivities {

  ProjectRef setUpProject(ProjectRequest request);
}
