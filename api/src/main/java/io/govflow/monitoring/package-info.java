/**
 * Steps 12-13 in the API: ground truth for production traffic, monitoring runs and their reports, and the findings
 * they raise, acknowledged and resolved through the monitoring workflow.
 */
package io.govflow.monitoring;
