package io.govflow.evidence;

import io.govflow.common.Digests;
import io.govflow.common.Problem;
import io.govflow.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Serves one stored document (a model version's evidence, a monitoring run's report) only if its bytes still have
 * the SHA-256 the workflow recorded: a reader never takes an altered document for evidence.
 */
@ApplicationScoped
public class EvidenceDocuments {

  private final ArtifactStore artifacts;

  EvidenceDocuments(ArtifactStore artifacts) {
    this.artifacts = artifacts;
  }

  /**
   * The document named {@code name} among {@code evidence}, with its SHA-256 as ETag.
   *
   * @param owner whose evidence it is, in words for problems ("model version uc-abc12345-v1")
   */
  public Response serve(String owner, List<EvidenceRef> evidence, String name) {
    EvidenceRef ref = evidence.stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> unknown(owner, name, evidence));
    byte[] document = read(owner, ref);
    if (!Digests.sha256(document).equals(ref.sha256())) {
      throw new ProblemException(Problem.of(409, "evidence-changed", "Evidence changed",
          "the stored " + name + " of " + owner + " no longer matches the SHA-256 the workflow recorded; the "
              + "evidence was altered after it was produced: do not decide on it, and ask an operator to "
              + "investigate"));
    }
    return Response.ok(document, ref.contentType() == null ? MediaType.APPLICATION_JSON : ref.contentType())
        .header(HttpHeaders.ETAG, "\"" + ref.sha256() + "\"")
        .build();
  }

  private byte[] read(String owner, EvidenceRef ref) {
    try {
      return artifacts.get(ref.location());
    } catch (ArtifactNotFoundException e) {
      throw ProblemException.notFound("evidence-missing", "Evidence missing",
          "the artifact store has no " + ref.name() + " of " + owner + " at " + ref.location()
              + "; ask an operator to check the artifact store");
    }
  }

  private static ProblemException unknown(String owner, String name, List<EvidenceRef> evidence) {
    List<String> names = evidence.stream().map(EvidenceRef::name).sorted().toList();
    String available = names.isEmpty() ? "it has no evidence yet" : "it has " + String.join(", ", names);
    return new ProblemException(Problem.of(404, "evidence-not-found", "Evidence not found",
        owner + " has no evidence named " + name + "; " + available).withAllowedValues(names));
  }
}
