package io.govflow.monitoring;

import io.govflow.common.ProblemException;
import io.govflow.common.Roles;
import io.govflow.evidence.EvidenceDocuments;
import io.govflow.registry.Inventory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** One monitoring run as the inventory recorded it, and its reports (Model Monitor's documents). */
@Path("/api/v1/monitoring-runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monitoring")
@RolesAllowed({Roles.PRODUCT_OWNER, Roles.GOVERNANCE, Roles.OPERATOR, Roles.AUDITOR})
public class MonitoringRunResource {

  private final Inventory inventory;
  private final EvidenceDocuments documents;

  MonitoringRunResource(Inventory inventory, EvidenceDocuments documents) {
    this.inventory = inventory;
    this.documents = documents;
  }

  @GET
  @Operation(summary = "One monitoring run: its window, record counts, reports and violations")
  public MonitoringRun get(@RestPath String runId) {
    return run(runId);
  }

  @GET
  @Path("reports/{name}")
  @Operation(summary = "One report of a monitoring run, verified against the digest the run recorded",
      description = "409 evidence-changed when the stored document no longer matches; the ETag is its SHA-256.")
  public Response report(@RestPath String runId, @RestPath String name) {
    MonitoringRun run = run(runId);
    return documents.serve("monitoring run " + runId, run.reports() == null ? List.of() : run.reports(), name);
  }

  private MonitoringRun run(String runId) {
    return inventory.monitoringRun(runId).orElseThrow(() -> ProblemException.notFound("monitoring-run-not-found",
        "Monitoring run not found", "there is no monitoring run " + runId
            + "; GET /api/v1/use-cases/<id>/monitoring-runs lists a use case's runs"));
  }
}
