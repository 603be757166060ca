package io.govflow.project;

import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import io.govflow.usecase.RiskLevel;
import io.govflow.usecase.RiskRating;
import io.govflow.usecase.UseCaseDefinition;
import java.util.List;

/** Use-case definitions for tests, after the reference data sets. */
public final class TestUseCases {

  private TestUseCases() {}

  /** A high-risk credit decision on the German credit data, with sex and age as protected facets. */
  public static UseCaseDefinition creditRisk() {
    return new UseCaseDefinition(
        "Consumer credit scoring",
        "Decide which consumer loan applications to approve without unfair treatment of any group.",
        List.of("retail-credit-risk", "compliance", "customer-office"),
        "Retail lending",
        "Rank applications for a loan officer; the officer takes the decision.",
        "owner1",
        new RiskRating(RiskLevel.HIGH,
            List.of("credit decisions affect consumers", "regulated under fair-lending law")),
        List.of("core-banking.loan_applications"),
        new Dataset("data/credit-g.csv", "class", "good"),
        List.of(new ProtectedFacet("personal_status", List.of("female div/dep/mar"), null),
            new ProtectedFacet("age", null, 25.0)));
  }
}
