/**
 * Step 6: model quality and post-training bias.
 */
package io.govflow.evaluation;
