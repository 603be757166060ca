package io.govflow.common.aws;

import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * How the aws activities read service errors. SageMaker reports most conditions as a {@code ValidationException}
 * told apart only by its message, so "not found" and "already exists" are recognised by code or by wording. What a
 * retry cannot fix (an invalid request, a denied permission) becomes a non-retryable failure; throttling, server
 * errors and everything else stay retryable under Temporal's retry policy.
 */
public final class AwsErrors {

  /** Failure type of a request the service rejected as invalid: fix the configuration or the input. */
  public static final String AWS_VALIDATION = "AWS_VALIDATION";
  /** Failure type of a request the caller's role may not make: fix the IAM policy. */
  public static final String AWS_ACCESS_DENIED = "AWS_ACCESS_DENIED";

  private static final Set<String> NOT_FOUND_CODES = Set.of("ResourceNotFound", "ResourceNotFoundException",
      "NoSuchKey", "NotFound");
  private static final Set<String> CONFLICT_CODES = Set.of("ConflictException", "ResourceInUse",
      "ResourceInUseException");
  private static final Set<String> ACCESS_DENIED_CODES = Set.of("AccessDeniedException", "AccessDenied",
      "UnauthorizedException");

  private AwsErrors() {}

  public static boolean isNotFound(AwsServiceException e) {
    String message = message(e);
    return NOT_FOUND_CODES.contains(code(e)) || e.statusCode() == 404
        || isValidation(e) && (message.contains("does not exist") || message.contains("not found")
            || message.contains("could not find") || message.contains("cannot find"));
  }

  public static boolean isAlreadyExists(AwsServiceException e) {
    return CONFLICT_CODES.contains(code(e)) || message(e).contains("already exist");
  }

  /**
   * The failure to throw for an error no handler above absorbed: non-retryable for an invalid or denied request,
   * with {@code doing} saying what govflow was doing, else the error itself for Temporal to retry.
   */
  public static RuntimeException failure(AwsServiceException e, String doing) {
    if (e.isThrottlingException() || e.statusCode() >= 500) {
      return e;
    }
    if (ACCESS_DENIED_CODES.contains(code(e))) {
      return ApplicationFailure.newNonRetryableFailureWithCause(doing + " was denied: " + detail(e)
          + "; grant the worker's role the permission (see deploy/aws/)", AWS_ACCESS_DENIED, e);
    }
    if (isValidation(e)) {
      return ApplicationFailure.newNonRetryableFailureWithCause(doing + " was refused as invalid: " + detail(e)
          + "; correct the aws settings or the use case's input and retry the step", AWS_VALIDATION, e);
    }
    return e;
  }

  private static boolean isValidation(AwsServiceException e) {
    return "ValidationException".equals(code(e));
  }

  private static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }

  private static String detail(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
        ? e.getMessage() : e.awsErrorDetails().errorMessage();
  }

  private static String message(AwsServiceException e) {
    return detail(e).toLowerCase(Locale.ROOT);
  }
}
