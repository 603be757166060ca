package io.govflow.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

  private final UriInfo uri = mock(UriInfo.class);
  private final ProblemMappers mappers = new ProblemMappers(mock(SecurityIdentity.class));

  @Test
  void unexpectedFailureIsGenericServerErrorWithErrorId() {
    when(uri.getRequestUri()).thenReturn(URI.create("http://localhost/api/v1/use-cases"));

    Response response = mappers.unexpected(new IllegalStateException("password=po1-pass in a query"), uri);

    Problem problem = (Problem) response.getEntity();
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
    assertThat(problem.type()).isEqualTo("urn:govflow:problem:internal-error");
    assertThat(problem.instance()).isEqualTo("/api/v1/use-cases");
    assertThat(problem.errorId()).hasSize(36);
    assertThat(problem.detail())
        .isEqualTo("govflow failed to handle the request; report error id " + problem.errorId() + " to the operators")
        .doesNotContain("IllegalStateException", "po1-pass");
  }

  @Test
  void refusalNameBecomesKebabCaseType() {
    assertThat(Problem.kebab("OWNER_CANNOT_DECIDE")).isEqualTo("owner-cannot-decide");
  }
}
