package io.govflow.registry;

import io.govflow.common.Problem;
import io.govflow.common.ProblemException;
import io.govflow.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The append-only audit trail, for auditors, governance and operators. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@RolesAllowed({Roles.AUDITOR, Roles.GOVERNANCE, Roles.OPERATOR})
public class AuditResource {

  private final Inventory inventory;

  AuditResource(Inventory inventory) {
    this.inventory = inventory;
  }

  @GET
  @Operation(summary = "The audit trail of one use case, oldest first, each entry with its hash and the previous one")
  public UseCaseAuditTrail trail(@QueryParam("useCase") String useCaseId) {
    if (useCaseId == null || useCaseId.isBlank()) {
      throw new ProblemException(Problem.of(422, "invalid-request", "Invalid request",
              "the query parameter useCase is required: GET /api/v1/audit?useCase=uc-...")
          .withErrors(List.of(new Problem.FieldError("useCase", "must name a use case id"))));
    }
    if (inventory.useCase(useCaseId).isEmpty()) {
      throw ProblemException.notFound("use-case-not-found", "Use case not found",
          "no use case " + useCaseId + " in the inventory; list them with GET /api/v1/use-cases");
    }
    return new UseCaseAuditTrail(useCaseId, inventory.auditTrail(useCaseId));
  }

  @GET
  @Path("verification")
  @Operation(summary = "Recomputes the whole hash chain and reports the first entry that does not match, if any")
  public AuditVerification verify() {
    return inventory.verifyAuditTrail();
  }

  /** One use case's entries, oldest first. */
  public record UseCaseAuditTrail(String useCaseId, List<AuditEntry> entries) {}
}
