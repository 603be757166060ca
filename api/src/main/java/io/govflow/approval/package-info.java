/**
 * Gates over HTTP: the governance inbox of every open gate, and decisions sent as the {@code decide} Workflow Update
 * to whichever workflow holds the gate, whose validator alone decides what is allowed.
 */
package io.govflow.approval;
