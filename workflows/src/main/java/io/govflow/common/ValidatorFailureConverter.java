package io.govflow.common;

import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.FailureConverter;
import io.temporal.failure.DefaultFailureConverter;
import io.temporal.internal.worker.WorkflowExecutionException;

/**
 * Keeps the type of a failure thrown by an update validator. SDK 1.38 wraps the validator's ApplicationFailure in a
 * WorkflowExecutionException that already carries the serialized failure, then serializes that wrapper again, so the
 * client would see the wrapper's class name instead of the refusal (temporalio/sdk-java#2875, fixed by #3001 after
 * 1.38). Passing the carried failure through is what the fix does; every other exception converts as by default.
 */
final class ValidatorFailureConverter implements FailureConverter {

  private final FailureConverter standard = new DefaultFailureConverter();

  @Override
  public RuntimeException failureToException(Failure failure, DataConverter dataConverter) {
    return standard.failureToException(failure, dataConverter);
  }

  @Override
  public Failure exceptionToFailure(Throwable throwable, DataConverter dataConverter) {
    if (throwable instanceof WorkflowExecutionException carried) {
      return carried.getFailure();
    }
    return standard.exceptionToFailure(throwable, dataConverter);
  }
}
