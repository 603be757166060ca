package io.govflow.project;

import io.govflow.evidence.EvidenceRef;
import io.temporal.activity.ActivityInterface;

/**
 * Step 3 and, at retirement, its end; one implementation per provider. Safe to run twice: an existing project, group
 * or card is adopted, an archived card stays archived.
 */
@ActivityInterface
public interface ProjectActivities {

  ProjectRef setUpProject(ProjectRequest request);

  /**
   * Step 14: archives the model version's card (SageMaker's model card status Archived) and returns the archived
   * document; the card stays readable as evidence.
   */
  EvidenceRef archiveModelCard(String useCaseId, String modelVersionId);
}
