/**
 * Step 8: recording the governance sign-off on the model version and its model card.
 */
package io.govflow.signoff;
