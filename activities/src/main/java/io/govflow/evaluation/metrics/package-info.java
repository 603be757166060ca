/**
 * The metrics engine of the local provider: CSV tables, column statistics and data-quality checks, Clarify's pre-
 * and post-training bias metrics (with bootstrap intervals and small-group warnings), binary classification quality
 * and permutation importance, and Model Monitor's baselining (statistics.json with KLL sketches, constraints.json)
 * and monitoring runs (constraint_violations.json) for data quality, streamed from CSV in memory bounded by the
 * columns, and for model quality. Pure Java; its documents have the JSON shapes of SageMaker Model Monitor and
 * Clarify, so the governance check reads one format whichever provider wrote them.
 */
package io.govflow.evaluation.metrics;
