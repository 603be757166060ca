/**
 * Steps 12 and 13 on one machine: monitoring baselines, monitoring runs over an endpoint's data capture, and the
 * ground truth posted for it, all in SageMaker Model Monitor's and Clarify's document formats.
 */
package io.govflow.monitoring.local;
