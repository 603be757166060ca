/**
 * Steps 9 and 12 on SageMaker: a model from the registered model package, an endpoint configuration per environment
 * capturing every request and response to S3, and the use case's endpoint created with it or updated to it, awaited
 * until it serves, each in its environment's account, whose use of the model package the group's policy grants. Tests
 * and emulator gaps: {@code activities/src/test/resources/aws/MOTO-GAPS-steps-9-13.md}.
 */
package io.govflow.deployment.aws;
