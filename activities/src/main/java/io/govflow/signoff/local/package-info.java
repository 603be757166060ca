/**
 * Step 8 on the local provider: model package status and model card updated in the artifact store.
 */
package io.govflow.signoff.local;
