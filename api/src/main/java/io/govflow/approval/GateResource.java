package io.govflow.approval;

import io.govflow.common.Problem;
import io.govflow.common.ProblemException;
import io.govflow.common.Roles;
import io.govflow.usecase.UseCases;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/gates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Gates")
public class GateResource {

  private final UseCases useCases;

  GateResource(UseCases useCases) {
    this.useCases = useCases;
  }

  @GET
  @RolesAllowed({Roles.GOVERNANCE, Roles.OPERATOR, Roles.AUDITOR})
  @Operation(summary = "Every open gate, oldest first",
      description = "Use cases whose GovflowPendingGate is set, each with the open gates of its state.")
  public List<PendingGate> inbox(@RestQuery @DefaultValue("true") boolean pending) {
    if (!pending) {
      throw new ProblemException(Problem.of(422, "invalid-request", "Invalid request",
              "only open gates are listed here (pending=true); decided gates are in each use case's decisions")
          .withErrors(List.of(new Problem.FieldError("pending", "must be true"))));
    }
    return useCases.withPendingGate().stream()
        .flatMap(id -> openGatesOf(id).stream())
        .sorted(Comparator.comparing(PendingGate::openedAt, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }

  /** A case deleted between the listing and the query has no open gates any more. */
  private List<PendingGate> openGatesOf(String useCaseId) {
    return useCases.stateIfExists(useCaseId)
        .map(state -> state.openGates().stream()
            .map(gate -> PendingGate.of(useCaseId, state.definition().name(), gate))
            .toList())
        .orElse(List.of());
  }
}
