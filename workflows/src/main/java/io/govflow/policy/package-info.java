/**
 * Step 7: risk-tier policies as data, the one reader of evidence documents, and the pure policy evaluation.
 */
package io.govflow.policy;
