/**
 * Step 6 on the aws provider: the candidate scores its test split in a SageMaker batch transform; model quality is
 * computed from those predictions, post-training bias by a SageMaker Clarify processing job over them.
 */
package io.govflow.evaluation.aws;
