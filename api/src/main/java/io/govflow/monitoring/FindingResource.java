package io.govflow.monitoring;

import io.govflow.approval.Refusal;
import io.govflow.common.Problem;
import io.govflow.common.ProblemException;
import io.govflow.common.Roles;
import io.govflow.common.WorkflowIds;
import io.govflow.common.WorkflowUpdates;
import io.govflow.policy.Severity;
import io.govflow.registry.Inventory;
import io.quarkus.security.identity.SecurityIdentity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Monitoring findings: read from the inventory, acknowledged and resolved through the {@code monitoring-<id>}
 * workflow that raised them, whose validator decides what may be done to a finding (the rules live once).
 */
@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Monitoring")
public class FindingResource {

  private final Inventory inventory;
  private final WorkflowClient client;
  private final SecurityIdentity caller;

  FindingResource(Inventory inventory, WorkflowClient client, SecurityIdentity caller) {
    this.inventory = inventory;
    this.client = client;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.GOVERNANCE, Roles.OPERATOR, Roles.AUDITOR, Roles.PRODUCT_OWNER})
  @Operation(summary = "Monitoring findings, newest first",
      description = "Filters combine with AND; status is OPEN, ACKNOWLEDGED or RESOLVED, severity LOW, MEDIUM or "
          + "HIGH.")
  public List<MonitoringFinding> list(@RestQuery("useCase") String useCaseId, @RestQuery String status,
      @RestQuery String severity,
      @RestQuery @DefaultValue("50") @Min(1) @Max(Inventory.MAX_PAGE_SIZE) int limit) {
    return inventory.monitoringFindings(useCaseId,
        status == null ? null : ProblemException.constant(FindingStatus.class, "status", status),
        severity == null ? null : ProblemException.constant(Severity.class, "severity", severity),
        limit);
  }

  @GET
  @Path("{findingId}")
  @RolesAllowed({Roles.GOVERNANCE, Roles.OPERATOR, Roles.AUDITOR, Roles.PRODUCT_OWNER})
  @Operation(summary = "One monitoring finding as the inventory last recorded it")
  public MonitoringFinding get(@RestPath String findingId) {
    return finding(findingId);
  }

  @POST
  @Path("{findingId}/acknowledgement")
  @RolesAllowed({Roles.GOVERNANCE, Roles.OPERATOR})
  @Operation(summary = "Acknowledge a finding: someone is on it",
      description = "Sent as the acknowledge Workflow Update to monitoring-<useCaseId>; the Idempotency-Key "
          + "becomes the update id. 404 finding-not-found, 409 finding-already-resolved.")
  public MonitoringFinding acknowledge(@RestPath String findingId, @Valid FindingActionRequest request,
      @RestHeader(WorkflowUpdates.IDEMPOTENCY_KEY) @Size(max = 200) String idempotencyKey) {
    return act(findingId, "acknowledge", request, idempotencyKey);
  }

  @POST
  @Path("{findingId}/resolution")
  @RolesAllowed({Roles.GOVERNANCE, Roles.OPERATOR})
  @Operation(summary = "Resolve a finding, saying how",
      description = "Sent as the resolve Workflow Update to monitoring-<useCaseId>; the Idempotency-Key becomes "
          + "the update id. 404 finding-not-found, 409 finding-already-resolved, 422 comment-required.")
  public MonitoringFinding resolve(@RestPath String findingId, @Valid FindingActionRequest request,
      @RestHeader(WorkflowUpdates.IDEMPOTENCY_KEY) @Size(max = 200) String idempotencyKey) {
    return act(findingId, "resolve", request, idempotencyKey);
  }

  private MonitoringFinding act(String findingId, String update, FindingActionRequest request,
      String idempotencyKey) {
    String useCaseId = finding(findingId).useCaseId();
    FindingAction action = (request == null ? new FindingActionRequest(null) : request)
        .by(findingId, caller.getPrincipal().getName(), caller.getRoles().stream().sorted().toList());
    try {
      return WorkflowUpdates.complete(client.newUntypedWorkflowStub(WorkflowIds.monitoring(useCaseId)), update,
          idempotencyKey, MonitoringFinding.class, action);
    } catch (WorkflowNotFoundException e) {
      throw new ProblemException(Problem.of(409, "monitoring-stopped", "Monitoring stopped",
          "use case " + useCaseId + " is no longer monitored (it was retired), so its findings can no longer be "
              + "acknowledged or resolved; the inventory keeps them as they were"));
    }
  }

  private MonitoringFinding finding(String findingId) {
    return inventory.monitoringFinding(findingId).orElseThrow(() -> ProblemException.notFound("finding-not-found",
        Refusal.FINDING_NOT_FOUND.title(), "there is no monitoring finding " + findingId
            + "; GET /api/v1/findings?useCase=<id> lists a use case's findings"));
  }
}
