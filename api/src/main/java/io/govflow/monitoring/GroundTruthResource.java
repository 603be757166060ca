package io.govflow.monitoring;

import io.govflow.common.GovflowConfig;
import io.govflow.common.Problem;
import io.govflow.common.ProblemException;
import io.govflow.common.Roles;
import io.govflow.common.WorkflowUpdates;
import io.govflow.evidence.ArtifactStore;
import io.govflow.registry.Inventory;
import io.govflow.usecase.UseCaseDefinition;
import io.govflow.usecase.UseCases;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/** Ground truth for production traffic, the input of model-quality and bias-drift monitoring. */
@Path("/api/v1/use-cases/{id}/ground-truth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Monitoring")
public class GroundTruthResource {

  /** The key names the upload's file in the artifact store, so it keeps to characters safe in any path. */
  private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Inventory inventory;
  private final GroundTruthStore store;

  /**
   * Ground truth goes to the configured provider's artifact store, where its monitor reads it: the local folder beside
   * the endpoints' data capture, which the local monitoring runs read; on the aws provider S3, under the prefix the
   * model-quality job definition gives Model Monitor. Each provider gets the labels in the form its monitor compares.
   */
  GroundTruthResource(Inventory inventory, ArtifactStore artifacts, GovflowConfig config) {
    this.inventory = inventory;
    this.store = new GroundTruthStore(artifacts, GroundTruthEncoding.of(config.provider()));
  }

  @POST
  @RolesAllowed({Roles.PRODUCT_OWNER, Roles.OPERATOR})
  @Operation(summary = "Post the true labels of answered production requests",
      description = "Each label names the eventId of a captured request (the X-Govflow-Event-Id of the local "
          + "endpoint's answer; on SageMaker the capture's eventId, or the InferenceId passed to InvokeEndpoint) and "
          + "its true label as the dataset writes it; on the aws provider it is stored for Model Monitor as 1 for the "
          + "use case's favourable label and 0 for any other. The Idempotency-Key is required and names the upload: "
          + "a retry with the same key writes nothing new.")
  @APIResponse(responseCode = "202", description = "Stored for the next monitoring runs",
      content = @Content(schema = @Schema(implementation = GroundTruthAccepted.class)))
  @APIResponse(responseCode = "422", description = "No or invalid labels, duplicate eventIds, or no Idempotency-Key",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Response upload(@RestPath String id,
      @Valid @NotNull(message = "must be a JSON object whose labels list eventId and label pairs")
          GroundTruthRequest request,
      @Parameter(description = "names the upload; 1-128 letters, digits, '.', '_' or '-', a UUID for instance",
          required = true)
          @RestHeader(WorkflowUpdates.IDEMPOTENCY_KEY) String idempotencyKey) {
    if (idempotencyKey == null || !UPLOAD_ID.matcher(idempotencyKey).matches()) {
      String needs = "must name the upload with 1-128 letters, digits, '.', '_' or '-' (a UUID will do); a retry "
          + "sends the same key";
      throw new ProblemException(Problem.of(422, "invalid-request", "Invalid request",
              "the Idempotency-Key header " + needs)
          .withErrors(List.of(new Problem.FieldError(WorkflowUpdates.IDEMPOTENCY_KEY, needs))));
    }
    UseCaseDefinition definition = inventory.definition(id).orElseThrow(() -> UseCases.notFound(id));
    try {
      store.write(id, definition.dataset().favourableLabel(), idempotencyKey, request.toLabels(), Instant.now());
    } catch (IllegalArgumentException refused) {
      throw new ProblemException(Problem.of(409, "idempotency-key-reused", "Idempotency-Key reused",
          refused.getMessage()));
    }
    return Response.accepted(new GroundTruthAccepted(id, idempotencyKey, request.labels().size())).build();
  }
}
