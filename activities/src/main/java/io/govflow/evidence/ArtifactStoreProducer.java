package io.govflow.evidence;

import io.govflow.common.GovflowConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** The artifact store of the configured provider, shared by activities (writers) and the API (reader). */
@ApplicationScoped
public class ArtifactStoreProducer {

  @Produces
  @Singleton
  LocalArtifactStore artifactStore(GovflowConfig config) {
    return new LocalArtifactStore(Path.of(config.artifacts().root()));
  }
}
