/**
 * Steps 12-13: monitoring baselines, the {@code monitoring-<id>} workflow that checks captured traffic on a schedule,
 * and the findings it raises. Contracts and pure rules here; providers implement the activities.
 */
package io.govflow.monitoring;
