/**
 * Step 3 on SageMaker: the use case's model package group tagged with its DataZone project id, and the model
 * version's draft model card. DataZone's CreateProject is not called yet: the project id is the one an existing group
 * is tagged with, else {@code gf-<useCaseId>}.
 */
package io.govflow.project.aws;
