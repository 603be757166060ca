package io.govflow.monitoring;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An acknowledgement or resolution as a person sends it; who acts comes from the authenticated caller. */
@Schema(description = "A comment on the finding; resolving requires one that says how it was resolved.")
public record FindingActionRequest(@Size(max = 4000) String comment) {

  FindingAction by(String findingId, String actor, List<String> actorRoles) {
    return new FindingAction(findingId, comment, actor, actorRoles);
  }
}
