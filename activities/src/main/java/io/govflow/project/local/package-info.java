/**
 * Step 3 on the local provider: project record, linked model package group and draft model card on disk.
 */
package io.govflow.project.local;
