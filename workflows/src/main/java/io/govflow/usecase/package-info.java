/**
 * Use cases: the definition (step 1), the use-case workflow with its approval gate (step 2), revisions and the state it reports.
 */
package io.govflow.usecase;
