package io.govflow.deployment;

import io.govflow.common.Roles;
import io.govflow.registry.EndpointSnapshot;
import io.govflow.registry.Inventory;
import io.govflow.usecase.UseCases;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** A use case's endpoints as the inventory recorded them (steps 9 and 12, and retirement). */
@Path("/api/v1/use-cases/{id}/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Production")
public class EndpointResource {

  private final Inventory inventory;

  EndpointResource(Inventory inventory) {
    this.inventory = inventory;
  }

  @GET
  @RolesAllowed({Roles.PRODUCT_OWNER, Roles.GOVERNANCE, Roles.OPERATOR, Roles.AUDITOR})
  @Operation(summary = "A use case's endpoints, test before production: the version each serves, where to invoke "
      + "it, where its data capture goes, whether it is up")
  public List<EndpointSnapshot> list(@RestPath String id) {
    if (!inventory.hasUseCase(id)) {
      throw UseCases.notFound(id);
    }
    return inventory.endpoints(id);
  }
}
