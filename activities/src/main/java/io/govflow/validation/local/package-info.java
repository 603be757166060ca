/**
 * Step 10 on one machine: smoke and contract tests over HTTP against a local endpoint, whose answers must reproduce
 * the offline evaluation; every check a finding, the report kept as evidence.
 */
package io.govflow.validation.local;
