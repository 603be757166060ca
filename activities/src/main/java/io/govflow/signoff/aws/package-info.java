/**
 * Step 8 on the aws provider: the model package's approval status and description, and the model cards' status, in
 * SageMaker; the card document in S3 signed as on the local provider.
 */
package io.govflow.signoff.aws;
