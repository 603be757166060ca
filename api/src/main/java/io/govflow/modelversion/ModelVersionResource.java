package io.govflow.modelversion;

import io.govflow.common.ProblemException;
import io.govflow.common.WorkflowIds;
import io.govflow.evidence.EvidenceDocuments;
import io.quarkus.security.Authenticated;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/model-versions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Model versions")
public class ModelVersionResource {

  /** {@code uc-abc12345-v1}: the use case id and the version number. */
  private static final Pattern ID = Pattern.compile("(uc-[a-z0-9]{8})-v([1-9][0-9]{0,5})");

  private final WorkflowClient client;
  private final EvidenceDocuments documents;

  ModelVersionResource(WorkflowClient client, EvidenceDocuments documents) {
    this.client = client;
    this.documents = documents;
  }

  @GET
  @Authenticated
  @Operation(summary = "The full state of a model version, from its workflow")
  public ModelVersionState get(@RestPath String id) {
    return state(id);
  }

  @GET
  @Path("evidence/{name}")
  @Authenticated
  @Operation(summary = "One evidence document, verified against the digest the workflow recorded",
      description = "409 evidence-changed when the stored document no longer matches; the ETag is its SHA-256.")
  public Response evidence(@RestPath String id, @RestPath String name) {
    ModelVersionState state = state(id);
    return documents.serve("model version " + id, state.evidence() == null ? List.of() : state.evidence(), name);
  }

  private ModelVersionState state(String id) {
    Matcher matcher = ID.matcher(id);
    if (!matcher.matches()) {
      throw notFound(id);
    }
    String workflowId = WorkflowIds.modelVersion(matcher.group(1), Integer.parseInt(matcher.group(2)));
    try {
      return client.newWorkflowStub(ModelVersionWorkflow.class, workflowId).state();
    } catch (WorkflowNotFoundException e) {
      throw notFound(id);
    }
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("model-version-not-found", "Model version not found",
        "there is no model version " + id + "; ids look like uc-abc12345-v1, and a use case's state lists its "
            + "model versions");
  }
}
