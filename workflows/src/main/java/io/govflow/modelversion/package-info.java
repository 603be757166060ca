/**
 * Model versions: the workflow of steps 3-8 for one version of a use case's model, and its state.
 */
package io.govflow.modelversion;
