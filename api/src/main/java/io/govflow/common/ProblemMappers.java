package io.govflow.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.govflow.approval.Refusal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become RFC 9457 problems. Every body is {@code application/problem+json}; none carries
 * an exception's class or stack trace: a server error gets a generic detail and an id to find it in the log.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  private static final String CHALLENGE = "Basic realm=\"govflow\", charset=\"UTF-8\"";

  private final SecurityIdentity identity;

  ProblemMappers(SecurityIdentity identity) {
    this.identity = identity;
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(e.problem(), uri);
  }

  /** A workflow's validator refused a decision or revision: the refusal names the status. */
  @ServerExceptionMapper
  public Response refused(WorkflowUpdateException e, UriInfo uri) {
    Optional<Refusal> refusal = refusalOf(e);
    if (refusal.isEmpty()) {
      return serverError(e, uri);
    }
    ApplicationFailure failure = (ApplicationFailure) e.getCause();
    return respond(Problem.refused(refusal.get(), failure.getOriginalMessage()), uri);
  }

  @ServerExceptionMapper
  public Response workflowNotFound(WorkflowNotFoundException e, UriInfo uri) {
    String workflowId = e.getExecution().getWorkflowId();
    return respond(Problem.of(404, "workflow-not-found", "Workflow not found",
        "Temporal has no workflow " + workflowId + "; check the id in the path"), uri);
  }

  /** Temporal unreachable, or no worker answering a query in time: the request may succeed later. */
  @ServerExceptionMapper
  public Response temporalUnavailable(WorkflowServiceException e, UriInfo uri) {
    Status.Code code = e.getCause() instanceof StatusRuntimeException grpc ? grpc.getStatus().getCode() : null;
    if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
      LOG.warnf("Temporal did not answer %s: %s", pathOf(uri), e.getCause().getMessage());
      return respond(Problem.of(503, "temporal-unavailable", "Temporal unavailable",
          "Temporal or the govflow worker did not answer in time; retry shortly, and check that both run "
              + "(bin/govflow-up starts them)"), uri);
    }
    return serverError(e, uri);
  }

  @ServerExceptionMapper
  public Response invalidFields(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors = e.getConstraintViolations().stream()
        .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
        .sorted(Comparator.comparing(Problem.FieldError::field))
        .toList();
    String detail = errors.stream().map(error -> error.field() + " " + error.message())
        .collect(Collectors.joining("; ", errors.size() + " invalid field(s): ", ""));
    return respond(Problem.of(422, "invalid-request", "Invalid request", detail).withErrors(errors), uri);
  }

  /** Well-formed JSON whose values do not fit: an unknown enum constant, a string where a list belongs. */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    String field = fieldOf(e);
    Class<?> target = e.getTargetType();
    if (e instanceof InvalidFormatException && target != null && target.isEnum()) {
      List<String> allowed = Arrays.stream(target.getEnumConstants()).map(Object::toString).toList();
      return respond(ProblemException.unknownValue(field, String.valueOf(((InvalidFormatException) e).getValue()),
          allowed).problem(), uri);
    }
    String needs = "must be " + (target == null ? "of another JSON type" : describe(target));
    return respond(Problem.of(422, "invalid-request", "Invalid request", field + " " + needs)
        .withErrors(List.of(new Problem.FieldError(field, needs))), uri);
  }

  /** Quarkus REST's own errors: no such resource or method, a media type it cannot read, a body that is not JSON. */
  @ServerExceptionMapper
  public Response http(WebApplicationException e, UriInfo uri) {
    if (e.getCause() instanceof JsonProcessingException unreadable) {
      return respond(unreadableBody(unreadable), uri);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return serverError(e, uri);
    }
    Response.StatusType statusType = Response.Status.fromStatusCode(status);
    String title = statusType == null ? "HTTP " + status : statusType.getReasonPhrase();
    String detail = status == 404
        ? "no resource at " + pathOf(uri) + "; the API is described at /q/openapi"
        : title + " for " + pathOf(uri) + "; the API is described at /q/openapi";
    return respond(Problem.of(status, Problem.kebab(title.replace(' ', '_')), title, detail), uri);
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated(RuntimeException e, UriInfo uri) {
    Problem problem = Problem.of(401, "unauthenticated", "Unauthenticated",
        "send HTTP Basic credentials of a govflow user (Authorization: Basic base64(user:password))");
    return problemResponse(problem, uri).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
    List<String> needed = rolesAllowed(resource.getResourceMethod());
    String caller = identity.isAnonymous() ? "the caller" : identity.getPrincipal().getName();
    String detail = caller + " has role(s) " + String.join(", ", identity.getRoles().stream().sorted().toList())
        + (needed.isEmpty() ? "; ask a user with another role" : "; this needs one of " + String.join(", ", needed));
    return respond(Problem.of(403, "wrong-role", Refusal.WRONG_ROLE.title(), detail)
        .withAllowedValues(needed), uri);
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    return serverError(e, uri);
  }

  private static Response serverError(Throwable e, UriInfo uri) {
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(e, "error %s on %s", errorId, pathOf(uri));
    return respond(Problem.of(500, "internal-error", "Internal error",
        "govflow failed to handle the request; report error id " + errorId + " to the operators")
        .withErrorId(errorId), uri);
  }

  private static Response respond(Problem problem, UriInfo uri) {
    return problemResponse(problem, uri).build();
  }

  private static Response.ResponseBuilder problemResponse(Problem problem, UriInfo uri) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.at(pathOf(uri)));
  }

  private static Problem unreadableBody(JsonProcessingException e) {
    String where = e.getLocation() == null ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return Problem.of(400, "unreadable-body", "Unreadable body",
        "the body is not valid JSON" + where + ": " + e.getOriginalMessage() + "; send a JSON object");
  }

  private static Optional<Refusal> refusalOf(WorkflowUpdateException e) {
    if (!(e.getCause() instanceof ApplicationFailure failure)) {
      return Optional.empty();
    }
    return Arrays.stream(Refusal.values()).filter(r -> r.name().equals(failure.getType())).findFirst();
  }

  /**
   * The field a violation names, as the client wrote it: {@code protectedFacets[0].values} for a body property,
   * {@code size} for a query parameter (the method and body parameter names mean nothing to a client).
   */
  private static String fieldOf(ConstraintViolation<?> violation) {
    List<Path.Node> nodes = new ArrayList<>();
    violation.getPropertyPath().forEach(nodes::add);
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      Path.Node node = nodes.get(i);
      boolean last = i == nodes.size() - 1;
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER && !last) {
        continue;
      }
      if (node.isInIterable()) {
        field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
      }
      if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getKind() != ElementKind.BEAN) {
        field.append(field.isEmpty() ? "" : ".").append(node.getName());
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }

  private static String fieldOf(JsonMappingException e) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }

  private static String describe(Class<?> type) {
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a JSON array";
    }
    if (type == String.class) {
      return "a JSON string";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a JSON number";
    }
    return "a JSON object";
  }

  private static List<String> rolesAllowed(Method method) {
    if (method == null) {
      return List.of();
    }
    RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
    if (roles == null) {
      roles = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
    }
    return roles == null ? List.of() : List.of(roles.value());
  }

  private static String pathOf(UriInfo uri) {
    return uri.getRequestUri().getPath();
  }
}
