package io.govflow.usecase;

import io.govflow.approval.Decision;
import io.govflow.approval.Gate;
import io.govflow.approval.Outcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Governance retiring a use case; who decides comes from the authenticated caller. */
@Schema(description = "Why the use case is retired. The caller and their roles come from authentication.")
public record RetirementRequest(
    @NotBlank(message = "must say why the use case is retired") @Size(max = 4000) String comment) {

  /** Retirement is never held open as a gate and shows no evidence, so the decision names no digest. */
  Decision by(String actor, List<String> actorRoles) {
    return new Decision(Gate.RETIREMENT, Outcome.APPROVE, comment, actor, actorRoles, null);
  }
}
