/**
 * Step 5 on the local provider: a seeded, stratified train/test split of the use case's CSV, a logistic regression
 * trained with Tribuo, the model file and splits in the artifact store, the candidate in the local model registry.
 */
package io.govflow.training.local;
