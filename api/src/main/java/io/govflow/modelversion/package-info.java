/**
 * Model versions over HTTP (steps 3–8): the state of a {@code model-version-<id>} workflow and its evidence
 * documents, read from the artifact store and checked against the digests the workflow recorded.
 */
package io.govflow.modelversion;
