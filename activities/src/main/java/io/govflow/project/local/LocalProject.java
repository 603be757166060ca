package io.govflow.project.local;

import java.util.List;

/** The local provider's project: what DataZone would hold about the use case's project, as one JSON record. */
public record LocalProject(
    String projectId,
    String useCaseId,
    String name,
    String owner,
    List<String> stakeholders,
    String lineOfBusiness,
    String description) {}
