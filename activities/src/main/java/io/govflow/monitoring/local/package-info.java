/** Steps 12-13 on one machine: monitoring of the local endpoints' data capture, and the ground truth posted for it. */
package io.govflow.monitoring.local;
