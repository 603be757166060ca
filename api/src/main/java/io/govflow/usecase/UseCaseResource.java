package io.govflow.usecase;

import io.govflow.approval.Decision;
import io.govflow.common.Problem;
import io.govflow.common.ProblemException;
import io.govflow.common.Roles;
import io.govflow.common.WorkflowUpdates;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/use-cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Use cases")
public class UseCaseResource {

  private final UseCases useCases;
  private final SecurityIdentity caller;

  UseCaseResource(UseCases useCases, SecurityIdentity caller) {
    this.useCases = useCases;
    this.caller = caller;
  }

  @POST
  @RolesAllowed(Roles.PRODUCT_OWNER)
  @Operation(summary = "Define a use case and start its lifecycle",
      description = "The caller becomes the owner. With an Idempotency-Key, a retry returns the same case (200).")
  @APIResponse(responseCode = "201", description = "Started",
      content = @Content(schema = @Schema(implementation = UseCaseCreated.class)))
  @APIResponse(responseCode = "200", description = "Started earlier under the same Idempotency-Key",
      content = @Content(schema = @Schema(implementation = UseCaseCreated.class)))
  @APIResponse(responseCode = "409", description = "The Idempotency-Key started a case from another definition",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Response create(@Valid @NotNull(message = "must be a use case definition") UseCaseRequest request,
      @RestHeader(WorkflowUpdates.IDEMPOTENCY_KEY) @Size(max = 200) String idempotencyKey, UriInfo uri) {
    UseCases.Started started = useCases.start(request.toDefinition(owner()), idempotencyKey);
    URI location = uri.getBaseUriBuilder().path(UseCaseResource.class).path(started.created().id()).build();
    return (started.isNew() ? Response.created(location) : Response.ok().location(location))
        .entity(started.created()).build();
  }

  @GET
  @Authenticated
  @Operation(summary = "List use cases",
      description = "Filters combine with AND. Pages follow Temporal visibility's own cursor: pass a page's "
          + "nextPageToken as pageToken for the next one.")
  public UseCasePage list(@RestQuery String stage, @RestQuery String risk,
      @RestQuery @Pattern(regexp = UseCaseFilter.OWNER_FORMAT, message = "must be a user name") String owner,
      @RestQuery @DefaultValue("20") @Min(1) @Max(100) int size, @RestQuery String pageToken) {
    UseCaseFilter filter = new UseCaseFilter(
        stage == null ? null : ProblemException.constant(Stage.class, "stage", stage),
        risk == null ? null : ProblemException.constant(RiskLevel.class, "risk", risk),
        owner);
    return useCases.page(filter, size, pageToken);
  }

  @GET
  @Path("{id}")
  @Authenticated
  @Operation(summary = "The full state of a use case, from its workflow")
  public UseCaseState get(@RestPath String id) {
    return useCases.state(id);
  }

  @PUT
  @Path("{id}")
  @RolesAllowed(Roles.PRODUCT_OWNER)
  @Operation(summary = "Revise a use case after governance requested changes",
      description = "Only the owner may revise, and only while changes are requested; the workflow refuses "
          + "otherwise (403 not-owner, 409 revision-not-expected).")
  public UseCaseState revise(@RestPath String id,
      @Valid @NotNull(message = "must be a use case definition") UseCaseRequest request,
      @RestHeader(WorkflowUpdates.IDEMPOTENCY_KEY) @Size(max = 200) String idempotencyKey) {
    Revision revision = new Revision(owner(), request.toDefinition(owner()), request.comment());
    return useCases.revise(id, revision, idempotencyKey);
  }

  @POST
  @Path("{id}/retirement")
  @RolesAllowed(Roles.GOVERNANCE)
  @Operation(summary = "Retire a use case: remove its endpoints, stop monitoring, archive the model card",
      description = "Sent as the retire Workflow Update (gate RETIREMENT, outcome APPROVE) to use-case-<id>; the "
          + "Idempotency-Key becomes the update id, so a retry retires once. Inventory and audit rows are kept.")
  public UseCaseState retire(@RestPath String id,
      @Valid @NotNull(message = "must be a JSON object whose comment says why the use case is retired")
          RetirementRequest request,
      @RestHeader(WorkflowUpdates.IDEMPOTENCY_KEY) @Size(max = 200) String idempotencyKey) {
    Decision retirement = request.by(caller.getPrincipal().getName(), caller.getRoles().stream().sorted().toList());
    return useCases.retire(id, retirement, idempotencyKey);
  }

  private String owner() {
    return caller.getPrincipal().getName();
  }
}
