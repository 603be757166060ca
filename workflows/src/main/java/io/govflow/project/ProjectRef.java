package io.govflow.project;

import io.govflow.evidence.EvidenceRef;

/**
 * Step 3's result: the project (a DataZone project, or its local equivalent), the model package group linked to it
 * and the draft model card.
 */
public record ProjectRef(String projectId, String modelPackageGroup, EvidenceRef modelCard) {}
