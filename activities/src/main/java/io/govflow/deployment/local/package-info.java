/**
 * Steps 9 and 12 on one machine: an embedded HTTP server answering SageMaker-style invocations with a local model,
 * capturing every exchange in SageMaker's data-capture format, and a registry of endpoints a restarted worker restores.
 */
package io.govflow.deployment.local;
