/**
 * Step 4 on the local provider: data statistics, quality checks and pre-training bias of the use case's CSV,
 * computed in-process and written to the artifact store in Model Monitor's and Clarify's shapes.
 */
package io.govflow.dataevaluation.local;
