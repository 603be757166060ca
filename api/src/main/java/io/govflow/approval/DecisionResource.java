package io.govflow.approval;

import io.govflow.common.WorkflowIds;
import io.govflow.common.WorkflowUpdates;
import io.govflow.usecase.UseCaseState;
import io.govflow.usecase.UseCases;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Decisions at gates. Any authenticated caller may send one: the workflow's validator is the one source of who may
 * decide what (a product owner gets its WRONG_ROLE refusal, an owner OWNER_CANNOT_DECIDE), so the rules live once.
 */
@Path("/api/v1/use-cases/{id}/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Gates")
public class DecisionResource {

  private final UseCases useCases;
  private final WorkflowClient client;
  private final SecurityIdentity caller;

  DecisionResource(UseCases useCases, WorkflowClient client, SecurityIdentity caller) {
    this.useCases = useCases;
    this.client = client;
    this.caller = caller;
  }

  @POST
  @Authenticated
  @Operation(summary = "Decide a gate of a use case or of its model version",
      description = "Sent as the decide Workflow Update to the workflow holding the gate; the Idempotency-Key "
          + "becomes the update id, so a retry with the same key decides once.")
  public DecisionResult decide(@RestPath String id,
      @Valid @NotNull(message = "must be a decision") DecisionRequest request,
      @RestHeader(WorkflowUpdates.IDEMPOTENCY_KEY) @Size(max = 200) String idempotencyKey) {
    UseCaseState before = useCases.state(id);
    Decision decision = request.by(caller.getPrincipal().getName(), caller.getRoles().stream().sorted().toList());
    try {
      GateOutcome outcome = WorkflowUpdates.complete(
          client.newUntypedWorkflowStub(deciderOf(before, request.gate(), idempotencyKey)),
          "decide", idempotencyKey, GateOutcome.class, decision);
      return new DecisionResult(outcome, useCases.state(id));
    } catch (WorkflowNotFoundException e) {
      throw useCases.endedOrUnknown(id, Refusal.GATE_NOT_OPEN);
    }
  }

  /**
   * The workflow holding the gate. A retry arrives after its gate closed: the workflow that recorded the decision
   * under this key answers it again. Otherwise the use-case workflow, whose validator refuses a gate that is not open.
   */
  private static String deciderOf(UseCaseState state, Gate gate, String idempotencyKey) {
    Optional<String> open = state.openGates().stream()
        .filter(openGate -> openGate.gate() == gate)
        .map(OpenGate::workflowId)
        .findFirst();
    return open.or(() -> Optional.ofNullable(idempotencyKey).flatMap(key -> recordedUnder(state, key)))
        .orElse(WorkflowIds.useCase(state.useCaseId()));
  }

  private static Optional<String> recordedUnder(UseCaseState state, String idempotencyKey) {
    return Stream.concat(state.decisions().stream(),
            state.modelVersions().stream().flatMap(version -> version.decisions().stream()))
        .filter(record -> idempotencyKey.equals(record.decisionId()))
        .map(DecisionRecord::workflowId)
        .findFirst();
  }
}
