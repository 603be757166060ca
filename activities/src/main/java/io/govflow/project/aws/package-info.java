/**
 * Step 3 on DataZone and SageMaker: the use case's DataZone project, its model package group tagged with the
 * project's id and listed as an asset of the project, and the model version's draft model card.
 */
package io.govflow.project.aws;
