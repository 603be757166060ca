/**
 * Steps 12 and 13 on SageMaker Model Monitor: the analyzer's baseline of the use case's rows kept as evidence,
 * data-quality and model-quality job definitions per model version on one hourly schedule of each per production
 * endpoint, and each run's violations read from the executions' reports. Tests and emulator gaps:
 * {@code activities/src/test/resources/aws/MOTO-GAPS-steps-9-13.md}.
 */
package io.govflow.monitoring.aws;
