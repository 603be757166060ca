/**
 * The worker process: registers the lifecycle workflows and the provider's activities, search attributes and health.
 */
package io.govflow.worker;
