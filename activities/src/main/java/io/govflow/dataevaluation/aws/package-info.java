/**
 * Step 4 on the aws provider: pre-training bias by a SageMaker Clarify processing job over the use case's CSV in S3,
 * data statistics by govflow's profiler, both written in the shapes the local provider writes.
 */
package io.govflow.dataevaluation.aws;
