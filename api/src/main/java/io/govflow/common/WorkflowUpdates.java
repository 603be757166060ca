package io.govflow.common;

import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import java.util.UUID;

/**
 * Sends a Workflow Update and waits for its result. The client's {@code Idempotency-Key} becomes the update id, so a
 * retried request is answered with the first result instead of deciding twice (DESIGN.md, decisions and identity).
 */
public final class WorkflowUpdates {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private WorkflowUpdates() {}

  public static <R> R complete(WorkflowStub workflow, String updateName, String idempotencyKey, Class<R> resultType,
      Object argument) {
    UpdateOptions<R> options = UpdateOptions.newBuilder(resultType)
        .setUpdateName(updateName)
        .setUpdateId(idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey)
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .build();
    return workflow.startUpdate(options, argument).getResult();
  }
}
