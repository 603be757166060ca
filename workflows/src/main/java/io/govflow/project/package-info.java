/**
 * Step 3: the project, its model package group and the draft model card.
 */
package io.govflow.project;
