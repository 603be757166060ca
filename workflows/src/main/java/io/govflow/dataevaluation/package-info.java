/**
 * Step 4: data statistics, quality checks and pre-training bias.
 */
package io.govflow.dataevaluation;
