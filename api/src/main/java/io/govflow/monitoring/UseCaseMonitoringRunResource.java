package io.govflow.monitoring;

import io.govflow.common.Roles;
import io.govflow.registry.Inventory;
import io.govflow.usecase.UseCases;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A use case's monitoring runs. A class of its own because JAX-RS picks the resource class by its path first: under
 * one {@code /api/v1} class, {@code /api/v1/use-cases} would win the match and answer 404.
 */
@Path("/api/v1/use-cases/{id}/monitoring-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monitoring")
public class UseCaseMonitoringRunResource {

  private final Inventory inventory;

  UseCaseMonitoringRunResource(Inventory inventory) {
    this.inventory = inventory;
  }

  @GET
  @RolesAllowed({Roles.PRODUCT_OWNER, Roles.GOVERNANCE, Roles.OPERATOR, Roles.AUDITOR})
  @Operation(summary = "A use case's latest monitoring runs, newest window first, one line each")
  public List<MonitoringRunSummary> list(@RestPath String id,
      @RestQuery @DefaultValue("20") @Min(1) @Max(Inventory.MAX_PAGE_SIZE) int limit) {
    if (!inventory.hasUseCase(id)) {
      throw UseCases.notFound(id);
    }
    return inventory.monitoringRuns(id, limit);
  }
}
