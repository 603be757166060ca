/**
 * Step 5: training jobs and the registered candidate model version.
 */
package io.govflow.training;
