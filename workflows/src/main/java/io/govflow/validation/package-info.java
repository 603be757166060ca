/**
 * Step 10: smoke and contract tests against the test endpoint before anyone may approve production. The contract
 * here; providers implement it in activities.
 */
package io.govflow.validation;
