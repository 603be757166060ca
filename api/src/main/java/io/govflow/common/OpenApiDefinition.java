package io.govflow.common;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The API's description at /q/openapi and in the Swagger UI; the HTTP Basic scheme comes from configuration. */
@OpenAPIDefinition(
    info = @Info(title = "govflow API", version = "v1",
        description = "The governance lifecycle of machine-learning models as durable Temporal workflows. Errors are "
            + "RFC 9457 application/problem+json with a stable urn:govflow:problem:* type."),
    tags = {
        @Tag(name = "Use cases", description = "Define a use case, follow it, revise it when governance asks"),
        @Tag(name = "Gates", description = "The governance inbox and decisions at gates"),
        @Tag(name = "Model versions", description = "Model versions of a use case and their evidence"),
        @Tag(name = "Production", description = "Endpoints, and which model version served production when"),
        @Tag(name = "Monitoring", description = "Ground truth, monitoring runs and their reports, findings")})
public class OpenApiDefinition extends Application {}
