package io.govflow.deployment.local;

/** Why an invocation was not answered, with the HTTP status and the problem type its body carries. */
enum InvocationProblem {
  MALFORMED_INPUT(400, "Malformed input"),
  UNKNOWN_ENDPOINT(404, "Unknown endpoint"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  UNSUPPORTED_CONTENT_TYPE(415, "Unsupported content type"),
  MODEL_ERROR(500, "Model error");

  private final int status;
  private final String title;

  InvocationProblem(int status, String title) {
    this.status = status;
    this.title = title;
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  String type() {
    return "urn:govflow:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
