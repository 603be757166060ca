package io.govflow.modelregistry;

/** A model package group linked to its project, as SageMaker tags a group with the DataZone project id. */
public record LocalModelPackageGroup(String name, String projectId, String description) {}
