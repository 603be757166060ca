package io.govflow.usecase;

import java.util.List;

/** Step 1: what a product owner defines. The owner is the authenticated caller who started the case. */
public record UseCaseDefinition(
    String name,
    String businessProblem,
    List<String> stakeholders,
    String lineOfBusiness,
    String intendedUse,
    String owner,
    RiskRating risk,
    List<String> dataSources,
    Dataset dataset,
    List<ProtectedFacet> protectedFacets) {}
