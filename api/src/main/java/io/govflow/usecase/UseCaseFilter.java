package io.govflow.usecase;

import io.govflow.common.GovflowSearchAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Which use cases a listing shows, as a Temporal visibility query on govflow's search attributes. Stage and risk are
 * enum constants and the owner is checked against {@link #OWNER_FORMAT} before it gets here, so no value can break
 * out of its quotes.
 */
record UseCaseFilter(Stage stage, RiskLevel risk, String owner) {

  static final String OWNER_FORMAT = "[A-Za-z0-9._@-]{1,100}";
  static final String ALL_USE_CASES = "WorkflowType = '" + UseCaseWorkflow.class.getSimpleName() + "'";

  String query() {
    List<String> clauses = new ArrayList<>(List.of(ALL_USE_CASES));
    if (stage != null) {
      clauses.add(GovflowSearchAttributes.STAGE.getName() + " = '" + stage.name() + "'");
    }
    if (risk != null) {
      clauses.add(GovflowSearchAttributes.RISK.getName() + " = '" + risk.name() + "'");
    }
    if (owner != null) {
      clauses.add(GovflowSearchAttributes.OWNER.getName() + " = '" + owner + "'");
    }
    return String.join(" AND ", clauses);
  }
}
