package io.govflow.usecase;

/** The owner's revised definition after governance requested changes; it re-opens the use-case approval gate. */
public record Revision(String actor, UseCaseDefinition definition, String comment) {}
