package io.govflow.modelversion;

import io.govflow.common.Digests;
import io.govflow.common.Problem;
import io.govflow.common.ProblemException;
import io.govflow.common.WorkflowIds;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import io.quarkus.security.Authenticated;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
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
  private final ArtifactStore artifacts;

  ModelVersionResource(WorkflowClient client, ArtifactStore artifacts) {
    this.client = client;
    this.artifacts = artifacts;
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
    List<EvidenceRef> evidence = state.evidence() == null ? List.of() : state.evidence();
    EvidenceRef ref = evidence.stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> unknownEvidence(id, name, evidence));
    byte[] document = read(id, ref);
    if (!Digests.sha256(document).equals(ref.sha256())) {
      throw new ProblemException(Problem.of(409, "evidence-changed", "Evidence changed",
          "the stored " + name + " of " + id + " no longer matches the SHA-256 the workflow recorded; the evidence "
              + "was altered after it was produced: do not decide on it, and ask an operator to investigate"));
    }
    return Response.ok(document, MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.ETAG, "\"" + ref.sha256() + "\"")
        .build();
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

  private byte[] read(String id, EvidenceRef ref) {
    try {
      return artifacts.get(ref.location());
    } catch (ArtifactNotFoundException e) {
      throw ProblemException.notFound("evidence-missing", "Evidence missing",
          "the artifact store has no " + ref.name() + " of " + id + " at " + ref.location()
              + "; ask an operator to check the artifact store");
    }
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("model-version-not-found", "Model version not found",
        "there is no model version " + id + "; ids look like uc-abc12345-v1, and a use case's state lists its "
            + "model versions");
  }

  private static ProblemException unknownEvidence(String id, String name, List<EvidenceRef> evidence) {
    List<String> names = evidence.stream().map(EvidenceRef::name).sorted().toList();
    String available = names.isEmpty() ? "it has no evidence yet" : "it has " + String.join(", ", names);
    return new ProblemException(Problem.of(404, "evidence-not-found", "Evidence not found",
        "model version " + id + " has no evidence named " + name + "; " + available).withAllowedValues(names));
  }
}
