package io.govflow.common;

import java.util.Arrays;
import java.util.List;

/** Thrown by resources for a problem they detect themselves (an unknown id, a bad filter); mapped as it is. */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException notFound(String kind, String title, String detail) {
    return new ProblemException(Problem.of(404, kind, title, detail));
  }

  /** An unknown value of a closed set, such as a stage filter; lists what is allowed. */
  public static ProblemException unknownValue(String field, String value, List<String> allowed) {
    String allowedText = String.join(", ", allowed);
    return new ProblemException(Problem.of(422, "invalid-request", "Invalid request",
            field + " '" + value + "' is unknown; use one of " + allowedText)
        .withErrors(List.of(new Problem.FieldError(field, "must be one of " + allowedText)))
        .withAllowedValues(allowed));
  }

  /** The constant of {@code type} named {@code value}, or the {@link #unknownValue} problem listing them all. */
  public static <E extends Enum<E>> E constant(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw unknownValue(field, value, Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }
  }
}
