/**
 * Use cases over HTTP (steps 1–2 and the case's progress): create, list, read and revise a use case, each a
 * {@code use-case-<id>} workflow in Temporal.
 */
package io.govflow.usecase;
