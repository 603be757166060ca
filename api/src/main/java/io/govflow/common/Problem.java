package io.govflow.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.govflow.approval.Refusal;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 9457 problem: {@code type} is a stable URN per kind of problem, {@code detail} says what is wrong and how to
 * fix it. Extension members appear only when they apply: {@code refusal} for a workflow's refusal, {@code errors} for
 * invalid fields, {@code allowedValues} for an unknown value, {@code errorId} to find a server error in the log.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String refusal,
    List<FieldError> errors,
    List<String> allowedValues,
    String errorId) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "urn:govflow:problem:";

  /** One invalid field: its path in the request ({@code risk.reasons}, {@code stage}) and what it needs. */
  public record FieldError(String field, String message) {}

  public static Problem of(int status, String kind, String title, String detail) {
    return new Problem(TYPE_PREFIX + kind, title, status, detail, null, null, List.of(), List.of(), null);
  }

  /** A workflow's refusal: its status and title, its name as {@code refusal}, its kebab-case name in the type. */
  public static Problem refused(Refusal refusal, String detail) {
    return new Problem(TYPE_PREFIX + kebab(refusal.name()), refusal.title(), refusal.httpStatus(), detail, null,
        refusal.name(), List.of(), List.of(), null);
  }

  public Problem withErrors(List<FieldError> errors) {
    return new Problem(type, title, status, detail, instance, refusal, errors, allowedValues, errorId);
  }

  public Problem withAllowedValues(List<String> allowedValues) {
    return new Problem(type, title, status, detail, instance, refusal, errors, allowedValues, errorId);
  }

  public Problem withErrorId(String errorId) {
    return new Problem(type, title, status, detail, instance, refusal, errors, allowedValues, errorId);
  }

  public Problem at(String instance) {
    return new Problem(type, title, status, detail, instance, refusal, errors, allowedValues, errorId);
  }

  /** {@code OWNER_CANNOT_DECIDE} becomes {@code owner-cannot-decide}. */
  public static String kebab(String constantName) {
    return constantName.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
