package io.govflow.registry;

import io.govflow.common.Problem;
import io.govflow.common.ProblemException;
import io.govflow.common.Roles;
import io.govflow.usecase.UseCases;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Which model version served a use case's production endpoint when, and on which decisions. */
@Path("/api/v1/use-cases/{id}/production-history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Production")
public class ProductionHistoryResource {

  private static final String INSTANT_FORMAT = "an ISO-8601 instant with seconds and an offset, such as "
      + "2026-04-01T08:00:00Z or 2026-04-01T10:00:00.5+02:00";

  private final Inventory inventory;

  ProductionHistoryResource(Inventory inventory) {
    this.inventory = inventory;
  }

  @GET
  @RolesAllowed({Roles.PRODUCT_OWNER, Roles.GOVERNANCE, Roles.OPERATOR, Roles.AUDITOR})
  @Operation(summary = "Production history: every interval a model version served, oldest first",
      description = "Each interval [from, to) names the model version, the endpoint and the decisions that put it "
          + "there; to is null while it serves. With ?at=, the one interval that instant falls in, or 404 "
          + "nothing-in-production.")
  @APIResponse(responseCode = "200", description = "Without at: the intervals; with at: the one interval",
      content = @Content(schema = @Schema(oneOf = {ProductionInterval.class, ProductionInterval[].class})))
  @APIResponse(responseCode = "404", description = "Unknown use case, or nothing served production at that instant",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Response history(@RestPath String id,
      @Parameter(description = INSTANT_FORMAT) @RestQuery String at) {
    if (!inventory.hasUseCase(id)) {
      throw UseCases.notFound(id);
    }
    if (at == null) {
      return Response.ok(inventory.productionHistory(id)).build();
    }
    Instant instant = instant(at);
    return Response.ok(inventory.productionAt(id, instant).orElseThrow(() -> ProblemException.notFound(
        "nothing-in-production", "Nothing in production", "nothing served production for use case " + id + " at "
            + instant + "; GET /api/v1/use-cases/" + id + "/production-history lists the intervals that did")))
        .build();
  }

  private static Instant instant(String at) {
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      String needs = "must be " + INSTANT_FORMAT;
      throw new ProblemException(Problem.of(400, "invalid-timestamp", "Invalid timestamp",
              "at '" + at + "' is not a timestamp; it " + needs)
          .withErrors(List.of(new Problem.FieldError("at", needs))));
    }
  }
}
