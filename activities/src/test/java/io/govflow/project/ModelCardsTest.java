package io.govflow.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.approval.Outcome;
import io.govflow.signoff.SignOff;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCardsTest {

  private final ObjectNode draft = ModelCards.draft("uc17", "uc17-v1", TestUseCases.creditRisk());

  @Test
  void draftCardHasEverySectionOfTheSchemaAndTheBusinessDetails() {
    JsonNode content = draft.path("content");

    assertThat(draft.path("model_card_name").asText()).isEqualTo("gf-uc17-v1");
    assertThat(draft.path("model_card_status").asText()).isEqualTo("Draft");
    assertThat(content.fieldNames()).toIterable().containsExactly("model_overview", "intended_uses",
        "business_details", "training_details", "evaluation_details", "additional_information");
    assertThat(content.at("/model_overview/model_owner").asText()).isEqualTo("owner1");
    assertThat(content.at("/model_overview/problem_type").asText()).isEqualTo("Binary Classification");
    assertThat(content.at("/intended_uses/risk_rating").asText()).isEqualTo("High");
    assertThat(content.at("/intended_uses/explanations_for_risk_rating").asText())
        .isEqualTo("credit decisions affect consumers; regulated under fair-lending law");
    assertThat(content.at("/intended_uses/factors_affecting_model_efficiency").asText())
        .contains("personal_status in [female div/dep/mar]", "age > 25");
    assertThat(content.at("/business_details/business_stakeholders").asText())
        .isEqualTo("retail-credit-risk, compliance, customer-office");
    assertThat(content.at("/business_details/line_of_business").asText()).isEqualTo("Retail lending");
    assertThat(content.at("/training_details/training_job_details/training_datasets/0").asText())
        .isEqualTo("data/credit-g.csv");
    assertThat(content.path("evaluation_details").isArray()).isTrue();
    assertThat(content.at("/additional_information/custom_details/use_case_id").asText()).isEqualTo("uc17");
  }

  @Test
  void approvalRecordsApproversDecisionsEvidenceAndPolicyOnTheCard() {
    SignOff approval = new SignOff(Outcome.APPROVE, List.of("gov1", "gov2"), List.of("key-1", "key-2"),
        List.of("abc123"), "high-2026.1", Instant.parse("2026-03-02T10:15:30Z"), List.of());

    ObjectNode signed = ModelCards.withSignOff(draft, approval);

    assertThat(signed.path("model_card_status").asText()).isEqualTo("Approved");
    JsonNode custom = signed.at("/content/additional_information/custom_details");
    assertThat(custom.path("approvers").asText()).isEqualTo("gov1, gov2");
    assertThat(custom.path("sign_off_decision_ids").asText()).isEqualTo("key-1, key-2");
    assertThat(custom.path("evidence_digest").asText()).isEqualTo("abc123");
    assertThat(custom.path("policy_version").asText()).isEqualTo("high-2026.1");
    assertThat(custom.path("signed_off_at").asText()).isEqualTo("2026-03-02T10:15:30Z");
    assertThat(custom.path("use_case_id").asText()).isEqualTo("uc17");
    assertThat(draft.path("model_card_status").asText()).as("the draft is left as it was").isEqualTo("Draft");
    assertThat(ModelCards.withSignOff(signed, approval)).isEqualTo(signed);
  }

  @Test
  void rejectionArchivesTheCard() {
    SignOff rejection = new SignOff(Outcome.REJECT, List.of("gov2"), List.of("key-3"), List.of("abc123"),
        "high-2026.1", null, List.of());

    ObjectNode signed = ModelCards.withSignOff(draft, rejection);

    assertThat(signed.path("model_card_status").asText()).isEqualTo("Archived");
    assertThat(signed.at("/content/additional_information/custom_details/rejected_by").asText()).isEqualTo("gov2");
    assertThat(signed.at("/content/additional_information/caveats_and_recommendations").asText())
        .contains("Rejected", "do not deploy");
  }
}
