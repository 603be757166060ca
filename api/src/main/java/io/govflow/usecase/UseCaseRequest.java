package io.govflow.usecase;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.govflow.common.Consistent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A use case definition as the product owner sends it (step 1), to start a case or to revise it. The owner is never
 * in the body: it is the authenticated caller.
 */
@Schema(description = "A use case definition (step 1). The owner is the authenticated caller.")
public record UseCaseRequest(
    @NotBlank(message = "must name the use case") @Size(max = 200) String name,
    @NotBlank(message = "must state the business problem the model addresses") String businessProblem,
    @NotEmpty(message = "must list at least one stakeholder") List<@NotBlank String> stakeholders,
    @NotBlank(message = "must name the line of business") String lineOfBusiness,
    @NotBlank(message = "must state how the model's output will be used") String intendedUse,
    @NotNull(message = "must rate the risk with a level (LOW, MEDIUM, HIGH) and reasons") @Valid Risk risk,
    @NotEmpty(message = "must list at least one data source") List<@NotBlank String> dataSources,
    @NotNull(message = "must describe the dataset: location, label and favourableLabel") @Valid Data dataset,
    @NotEmpty(message = "must list at least one protected facet for the bias metrics")
        List<@NotNull @Valid Facet> protectedFacets,
    @Schema(description = "On a revision: what changed and why. Ignored when a use case is created.")
        @Size(max = 4000) String comment) {

  @Consistent
  @Schema(name = "RiskRating", description = "Risk tier; HIGH needs at least one reason.")
  public record Risk(
      @NotNull(message = "must be one of LOW, MEDIUM, HIGH") RiskLevel level,
      List<@NotBlank String> reasons) implements Consistent.Checked {

    @Override
    @JsonIgnore
    public Map<String, String> inconsistencies() {
      return level == RiskLevel.HIGH && (reasons == null || reasons.isEmpty())
          ? Map.of("reasons", "must give at least one reason when level is HIGH")
          : Map.of();
    }

    RiskRating toRating() {
      return new RiskRating(level, reasons == null ? List.of() : List.copyOf(reasons));
    }
  }

  @Schema(name = "Dataset", description = "Training data: a CSV with a header row.")
  public record Data(
      @NotBlank(message = "must be the path or URI of the CSV") String location,
      @NotBlank(message = "must name the label column") String label,
      @NotBlank(message = "must be the label value of the favourable outcome") String favourableLabel) {

    Dataset toDataset() {
      return new Dataset(location, label, favourableLabel);
    }
  }

  @Consistent
  @Schema(name = "ProtectedFacet",
      description = "A protected attribute: the sensitive group is the rows whose column is one of values, "
          + "or, for a numeric column, above threshold. Exactly one of values and threshold.")
  public record Facet(
      @NotBlank(message = "must name the protected column") String column,
      List<@NotBlank String> values,
      Double threshold) implements Consistent.Checked {

    @Override
    @JsonIgnore
    public Map<String, String> inconsistencies() {
      boolean hasValues = values != null && !values.isEmpty();
      if (hasValues != (threshold != null)) {
        return Map.of();
      }
      return Map.of("values", hasValues
          ? "give values or threshold, not both"
          : "give the sensitive group's values, or a threshold for a numeric column");
    }

    ProtectedFacet toFacet() {
      return new ProtectedFacet(column, values == null ? null : List.copyOf(values), threshold);
    }
  }

  /** The definition the workflow receives, owned by the authenticated caller. */
  UseCaseDefinition toDefinition(String owner) {
    return new UseCaseDefinition(name, businessProblem, List.copyOf(stakeholders), lineOfBusiness, intendedUse,
        owner, risk.toRating(), List.copyOf(dataSources), dataset.toDataset(),
        protectedFacets.stream().map(Facet::toFacet).toList());
  }
}
