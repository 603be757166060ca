/**
 * SageMaker Clarify's own inputs: its analysis_config.json, read and checked against a data set, so that a Clarify
 * processing job's configuration runs unchanged on govflow's bias engine.
 */
package io.govflow.evaluation.clarify;
