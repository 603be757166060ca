package io.govflow.usecase;

import com.google.protobuf.ByteString;
import io.govflow.approval.Decision;
import io.govflow.approval.Gate;
import io.govflow.approval.Refusal;
import io.govflow.common.Digests;
import io.govflow.common.GovflowConfig;
import io.govflow.common.GovflowSearchAttributes;
import io.govflow.common.Problem;
import io.govflow.common.ProblemException;
import io.govflow.common.WorkflowIds;
import io.govflow.common.WorkflowUpdates;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DataConverter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The use-case workflows as the API sees them: starting one, reading its state, revising it, and listing them
 * through Temporal visibility.
 */
@ApplicationScoped
public class UseCases {

  private static final String MEMO_NAME = "name";
  /** Digest of the definition a case started with, to tell a retried create from a reused idempotency key. */
  private static final String MEMO_DEFINITION_DIGEST = "definitionDigest";

  private final WorkflowClient client;
  private final GovflowConfig config;
  private final DataConverter dataConverter;

  UseCases(WorkflowClient client, GovflowConfig config) {
    this.client = client;
    this.config = config;
    this.dataConverter = client.getOptions().getDataConverter();
  }

  /** A started case, or the case an earlier request with the same idempotency key started. */
  public record Started(UseCaseCreated created, boolean isNew) {}

  public Started start(UseCaseDefinition definition, String idempotencyKey) {
    String id = idempotencyKey == null
        ? UseCaseIds.random()
        : UseCaseIds.fromIdempotencyKey(definition.owner(), idempotencyKey);
    String digest = Digests.ofValue(definition);
    UseCaseWorkflow workflow = client.newWorkflowStub(UseCaseWorkflow.class, startOptions(id, definition, digest));
    try {
      WorkflowClient.start(workflow::run, LifecyclePolicies.startOf(id, definition, config));
      return new Started(new UseCaseCreated(id, WorkflowIds.useCase(id), Stage.AWAITING_USE_CASE_APPROVAL), true);
    } catch (WorkflowExecutionAlreadyStarted e) {
      if (idempotencyKey == null) {
        throw e;
      }
      return new Started(existing(id, digest), false);
    }
  }

  /** A case's state from its workflow's query; 404 naming the id when there is no such case. */
  public UseCaseState state(String id) {
    return stateIfExists(id).orElseThrow(() -> notFound(id));
  }

  public Optional<UseCaseState> stateIfExists(String id) {
    if (!UseCaseIds.isWellFormed(id)) {
      return Optional.empty();
    }
    try {
      return Optional.of(workflow(id).state());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  public UseCaseState revise(String id, Revision revision, String idempotencyKey) {
    try {
      return WorkflowUpdates.complete(WorkflowStub.fromTyped(workflow(id)), "revise", idempotencyKey,
          UseCaseState.class, revision);
    } catch (WorkflowNotFoundException e) {
      throw endedOrUnknown(id, Refusal.REVISION_NOT_EXPECTED);
    }
  }

  public UseCaseState retire(String id, Decision retirement, String idempotencyKey) {
    try {
      return WorkflowUpdates.complete(WorkflowStub.fromTyped(workflow(id)), "retire", idempotencyKey,
          UseCaseState.class, retirement);
    } catch (WorkflowNotFoundException e) {
      throw endedOrUnknown(id, Refusal.GATE_NOT_OPEN);
    }
  }

  /**
   * An update that found no running workflow: the case has ended, which its final state (still queryable) shows
   * and which reads as {@code refusal}; or the case never existed.
   */
  public ProblemException endedOrUnknown(String id, Refusal refusal) {
    return stateIfExists(id)
        .map(state -> new ProblemException(Problem.refused(refusal, "use case " + id + " has ended ("
            + state.stage() + "); nothing can be decided or revised in it any more")))
        .orElseGet(() -> notFound(id));
  }

  public UseCasePage page(UseCaseFilter filter, int size, String pageToken) {
    ListWorkflowExecutionsResponse response;
    try {
      response = client.getWorkflowServiceStubs().blockingStub().listWorkflowExecutions(
          ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(config.temporal().namespace())
              .setQuery(filter.query())
              .setPageSize(size)
              .setNextPageToken(decodePageToken(pageToken))
              .build());
    } catch (StatusRuntimeException e) {
      // Servers reject a token they cannot read differently: SQL visibility with UNKNOWN, others INVALID_ARGUMENT.
      Status.Code code = e.getStatus().getCode();
      if (pageToken != null && (code == Status.Code.INVALID_ARGUMENT || code == Status.Code.UNKNOWN)) {
        throw invalidPageToken();
      }
      throw e;
    }
    List<UseCaseSummary> items = response.getExecutionsList().stream()
        .map(info -> summaryOf(new WorkflowExecutionMetadata(info, dataConverter)))
        .toList();
    ByteString next = response.getNextPageToken();
    return new UseCasePage(items, next.isEmpty() ? null : Base64.getUrlEncoder().encodeToString(next.toByteArray()));
  }

  /** Ids of the running use cases where people must decide something now. */
  public List<String> withPendingGate() {
    String query = UseCaseFilter.ALL_USE_CASES + " AND ExecutionStatus = 'Running' AND "
        + GovflowSearchAttributes.PENDING_GATE.getName() + " != '" + GovflowSearchAttributes.NO_PENDING_GATE + "'";
    return client.listExecutions(query)
        .map(execution -> execution.getTypedSearchAttributes().get(GovflowSearchAttributes.USE_CASE_ID))
        .toList();
  }

  public static ProblemException notFound(String id) {
    return ProblemException.notFound("use-case-not-found", "Use case not found",
        "there is no use case " + id + "; GET /api/v1/use-cases lists them");
  }

  private UseCaseWorkflow workflow(String id) {
    if (!UseCaseIds.isWellFormed(id)) {
      throw notFound(id);
    }
    return client.newWorkflowStub(UseCaseWorkflow.class, WorkflowIds.useCase(id));
  }

  private WorkflowOptions startOptions(String id, UseCaseDefinition definition, String digest) {
    String owner = definition.owner();
    RiskLevel risk = definition.risk().level();
    return WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.useCase(id))
        .setTaskQueue(config.temporal().taskQueue())
        // A case id names one case forever: a closed case is never started again under its id.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(SearchAttributes.newBuilder()
            .set(GovflowSearchAttributes.USE_CASE_ID, id)
            .set(GovflowSearchAttributes.RISK, risk.name())
            .set(GovflowSearchAttributes.STAGE, Stage.AWAITING_USE_CASE_APPROVAL.name())
            .set(GovflowSearchAttributes.OWNER, owner)
            .set(GovflowSearchAttributes.PENDING_GATE, Gate.USE_CASE_APPROVAL.name())
            .build())
        .setMemo(Map.of(MEMO_NAME, definition.name(), MEMO_DEFINITION_DIGEST, digest))
        .setStaticSummary("Use case " + id + ": " + definition.name() + " (risk " + risk + ", owner " + owner + ")")
        .setStaticDetails("Business problem: " + definition.businessProblem()
            + "\n\nIntended use: " + definition.intendedUse()
            + "\n\nLine of business: " + definition.lineOfBusiness())
        .build();
  }

  private UseCaseCreated existing(String id, String digest) {
    WorkflowExecutionDescription description = client.newUntypedWorkflowStub(WorkflowIds.useCase(id)).describe();
    String startedWith = description.getMemo(MEMO_DEFINITION_DIGEST, String.class, String.class);
    if (!digest.equals(startedWith)) {
      throw new ProblemException(Problem.of(409, "idempotency-key-reused", "Idempotency key reused",
          "this Idempotency-Key already created use case " + id + " from a different definition; "
              + "send a new key for a new use case, or the same definition to retry"));
    }
    UseCaseSummary summary = summaryOf(description);
    return new UseCaseCreated(id, summary.workflowId(), summary.stage());
  }

  private static UseCaseSummary summaryOf(WorkflowExecutionMetadata execution) {
    SearchAttributes attributes = execution.getTypedSearchAttributes();
    return new UseCaseSummary(
        attributes.get(GovflowSearchAttributes.USE_CASE_ID),
        execution.getExecution().getWorkflowId(),
        execution.getMemo(MEMO_NAME, String.class, String.class),
        Optional.ofNullable(attributes.get(GovflowSearchAttributes.STAGE)).map(Stage::valueOf).orElse(null),
        Optional.ofNullable(attributes.get(GovflowSearchAttributes.RISK)).map(RiskLevel::valueOf).orElse(null),
        attributes.get(GovflowSearchAttributes.OWNER),
        attributes.get(GovflowSearchAttributes.PENDING_GATE));
  }

  private static ByteString decodePageToken(String pageToken) {
    if (pageToken == null) {
      return ByteString.EMPTY;
    }
    try {
      return ByteString.copyFrom(Base64.getUrlDecoder().decode(pageToken));
    } catch (IllegalArgumentException e) {
      throw invalidPageToken();
    }
  }

  private static ProblemException invalidPageToken() {
    return new ProblemException(Problem.of(422, "invalid-request", "Invalid request",
            "Temporal cannot continue from this pageToken; pass a page's nextPageToken unchanged, or omit it to "
                + "start from the first page")
        .withErrors(List.of(new Problem.FieldError("pageToken", "must be a nextPageToken from a previous page"))));
  }
}
