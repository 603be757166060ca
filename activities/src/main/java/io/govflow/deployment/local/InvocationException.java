package io.govflow.deployment.local;

/** An invocation refused with a problem; the message is the detail the caller reads, so it says how to fix it. */
class InvocationException extends RuntimeException {

  private final InvocationProblem problem;

  InvocationException(InvocationProblem problem, String detail) {
    super(detail);
    this.problem = problem;
  }

  InvocationProblem problem() {
    return problem;
  }
}
