/**
 * Step 6 on the local provider: the candidate model scores its held-out test split; model quality and post-training
 * bias are computed in-process and written in Model Monitor's and Clarify's shapes, beside the permutation importance
 * of each feature.
 */
package io.govflow.evaluation.local;
