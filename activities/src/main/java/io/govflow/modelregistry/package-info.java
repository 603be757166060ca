/**
 * The local provider's model registry: package groups and model packages as JSON documents in the artifact store.
 */
package io.govflow.modelregistry;
