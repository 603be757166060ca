package io.govflow.approval;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A decision as a person sends it; who decides comes from the authenticated caller. */
@Schema(description = "A decision at a gate. The caller and their roles come from authentication.")
public record DecisionRequest(
    @NotNull(message = "must name the open gate, as GET /api/v1/gates shows it") Gate gate,
    @NotNull(message = "must be APPROVE, REJECT, REQUEST_CHANGES or RETRAIN, as the gate allows") Outcome outcome,
    @Size(max = 4000) String comment,
    @NotBlank(message = "must be the evidenceDigest of the open gate, as GET /api/v1/gates shows it")
        String evidenceDigest) {

  Decision by(String actor, List<String> actorRoles) {
    return new Decision(gate, outcome, comment, actor, actorRoles, evidenceDigest);
  }
}
