package io.govflow.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.approval.Outcome;
import io.govflow.signoff.SignOff;
import io.govflow.usecase.Dataset;
import io.govflow.usecase.ProtectedFacet;
import io.govflow.usecase.RiskLevel;
import io.govflow.usecase.UseCaseDefinition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Model cards in SageMaker's shape: a document {@code {model_card_name, model_card_status, content}} whose content
 * follows the model card JSON schema, so the local card and a SageMaker CreateModelCard request carry the same JSON.
 * A card starts as a Draft holding the business details of the use case; sign-off makes it Approved, or Archived
 * when rejected (SageMaker's statuses have no "rejected", and a rejected version's card must not change again).
 */
public final class ModelCards {

  public static final String DRAFT = "Draft";
  public static final String APPROVED = "Approved";
  public static final String ARCHIVED = "Archived";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ModelCards() {}

  /** The card's name: unique per model version, within SageMaker's 63 characters of {@code [a-zA-Z0-9-]}. */
  public static String cardName(String modelVersionId) {
    return "gf-" + modelVersionId;
  }

  /** The draft card of a model version, before any data is evaluated or model trained. */
  public static ObjectNode draft(String useCaseId, String modelVersionId, UseCaseDefinition definition) {
    ObjectNode content = NODES.objectNode();
    content.set("model_overview", modelOverview(modelVersionId, definition));
    content.set("intended_uses", intendedUses(definition));
    content.set("business_details", businessDetails(definition));
    content.set("training_details", trainingDetails(definition.dataset()));
    // Nothing is evaluated yet at step 3; an empty list keeps the section present for readers of the schema.
    content.set("evaluation_details", NODES.arrayNode());
    content.set("additional_information", additionalInformation(useCaseId, modelVersionId, definition));

    ObjectNode card = NODES.objectNode();
    card.put("model_card_name", cardName(modelVersionId));
    card.put("model_card_status", DRAFT);
    card.set("content", content);
    return card;
  }

  /**
   * The card after the sign-off: its status, and who decided what, on which evidence, under which policy, in
   * {@code additional_information.custom_details}. Recording the same sign-off twice gives the same card.
   */
  public static ObjectNode withSignOff(JsonNode card, SignOff signOff) {
    if (!card.path("content").isObject()) {
      throw new IllegalArgumentException("not a model card: no content object");
    }
    ObjectNode signed = card.deepCopy();
    boolean approved = signOff.outcome() == Outcome.APPROVE;
    signed.put("model_card_status", approved ? APPROVED : ARCHIVED);

    ObjectNode additional = ((ObjectNode) signed.get("content")).withObjectProperty("additional_information");
    additional.put("caveats_and_recommendations", approved
        ? "Approved at governance sign-off under policy " + signOff.policyVersion()
            + "; use it only for the intended uses stated on this card."
        : "Rejected at governance sign-off under policy " + signOff.policyVersion() + "; do not deploy this version.");
    ObjectNode custom = additional.withObjectProperty("custom_details");
    custom.put("sign_off_outcome", signOff.outcome().name());
    custom.put(approved ? "approvers" : "rejected_by", String.join(", ", signOff.deciders()));
    custom.put("sign_off_decision_ids", String.join(", ", signOff.decisionIds()));
    custom.put("evidence_digest", String.join(", ", signOff.evidenceDigests()));
    custom.put("policy_version", signOff.policyVersion());
    if (signOff.decidedAt() != null) {
      custom.put("signed_off_at", signOff.decidedAt().toString());
    }
    return signed;
  }

  /**
   * The card at retirement: Archived, saying why, and otherwise as it was, so it stays the record of what was
   * approved. A card already Archived (rejected at sign-off, or retired before) is returned unchanged.
   */
  public static ObjectNode archived(JsonNode card) {
    if (!card.path("content").isObject()) {
      throw new IllegalArgumentException("not a model card: no content object");
    }
    ObjectNode archived = card.deepCopy();
    if (ARCHIVED.equals(card.path("model_card_status").asText())) {
      return archived;
    }
    archived.put("model_card_status", ARCHIVED);
    ((ObjectNode) archived.get("content")).withObjectProperty("additional_information")
        .put("caveats_and_recommendations", "Retired: the model version no longer serves and must not be deployed "
            + "again; this card is kept as the record of its approval.");
    return archived;
  }

  private static ObjectNode modelOverview(String modelVersionId, UseCaseDefinition definition) {
    ObjectNode overview = NODES.objectNode();
    overview.put("model_name", cardName(modelVersionId));
    putText(overview, "model_description", definition.name());
    putText(overview, "model_owner", definition.owner());
    // Every govflow use case has a label and a favourable value: a yes/no decision.
    overview.put("problem_type", "Binary Classification");
    return overview;
  }

  private static ObjectNode intendedUses(UseCaseDefinition definition) {
    ObjectNode uses = NODES.objectNode();
    putText(uses, "purpose_of_model", definition.businessProblem());
    putText(uses, "intended_uses", definition.intendedUse());
    List<ProtectedFacet> facets = orEmpty(definition.protectedFacets());
    if (!facets.isEmpty()) {
      uses.put("factors_affecting_model_efficiency", "Quality and fairness are measured separately for the "
          + "protected groups " + facets.stream().map(ModelCards::describe).collect(Collectors.joining("; ")) + ".");
    }
    if (definition.risk() != null && definition.risk().level() != null) {
      uses.put("risk_rating", riskRating(definition.risk().level()));
      uses.put("explanations_for_risk_rating", String.join("; ", orEmpty(definition.risk().reasons())));
    } else {
      uses.put("risk_rating", "Unknown");
    }
    return uses;
  }

  private static ObjectNode businessDetails(UseCaseDefinition definition) {
    ObjectNode business = NODES.objectNode();
    putText(business, "business_problem", definition.businessProblem());
    business.put("business_stakeholders", String.join(", ", orEmpty(definition.stakeholders())));
    putText(business, "line_of_business", definition.lineOfBusiness());
    return business;
  }

  private static ObjectNode trainingDetails(Dataset dataset) {
    ObjectNode training = NODES.objectNode();
    if (dataset == null) {
      return training;
    }
    training.put("training_observations", "Label column " + dataset.label() + "; favourable outcome "
        + dataset.label() + " = " + dataset.favourableLabel() + ".");
    ArrayNode datasets = NODES.arrayNode();
    if (dataset.location() != null) {
      datasets.add(dataset.location());
    }
    training.putObject("training_job_details").set("training_datasets", datasets);
    return training;
  }

  private static ObjectNode additionalInformation(
      String useCaseId, String modelVersionId, UseCaseDefinition definition) {
    ObjectNode additional = NODES.objectNode();
    List<ProtectedFacet> facets = orEmpty(definition.protectedFacets());
    additional.put("ethical_considerations", facets.isEmpty()
        ? "No protected attribute was named, so no bias metric is measured."
        : "Bias is measured before and after training on "
            + facets.stream().map(ProtectedFacet::column).collect(Collectors.joining(", "))
            + ", and the risk tier's policy limits disparate impact and differences in favourable outcomes.");
    additional.put("caveats_and_recommendations", "Draft: not to be used before governance sign-off.");
    ObjectNode custom = additional.putObject("custom_details");
    custom.put("use_case_id", useCaseId);
    custom.put("model_version_id", modelVersionId);
    custom.put("data_sources", String.join(", ", orEmpty(definition.dataSources())));
    return additional;
  }

  private static String describe(ProtectedFacet facet) {
    return facet.threshold() != null
        ? facet.column() + " > " + BigDecimal.valueOf(facet.threshold()).stripTrailingZeros().toPlainString()
        : facet.column() + " in [" + String.join(", ", orEmpty(facet.values())) + "]";
  }

  private static String riskRating(RiskLevel level) {
    String name = level.name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  private static void putText(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static <T> List<T> orEmpty(List<T> values) {
    return values == null ? List.of() : values;
  }
}
