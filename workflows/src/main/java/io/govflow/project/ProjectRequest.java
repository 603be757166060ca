package io.govflow.project;

import io.govflow.usecase.UseCaseDefinition;

/** What step 3 needs; {@code modelVersionId} names the draft card. */
public record ProjectRequest(String useCaseId, String modelVersionId, UseCaseDefinition definition) {}
