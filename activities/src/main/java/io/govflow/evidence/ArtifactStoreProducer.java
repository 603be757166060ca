package io.govflow.evidence;

import io.govflow.common.GovflowConfig;
import io.govflow.common.aws.AwsClients;
import io.govflow.evidence.aws.S3ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The artifact store of the configured provider, shared by activities (writers) and the API (reader). Each concrete
 * store is typed as itself only, so that {@code ArtifactStore} has one bean, and is built only when looked up: the
 * local default never touches AWS, the aws provider never the local folder.
 */
@ApplicationScoped
public class ArtifactStoreProducer {

  @Produces
  @Singleton
  ArtifactStore artifactStore(GovflowConfig config, Instance<LocalArtifactStore> local, Instance<S3ArtifactStore> s3) {
    return switch (config.provider()) {
      case LOCAL -> local.get();
      case AWS -> s3.get();
    };
  }

  @Produces
  @Singleton
  @Typed(LocalArtifactStore.class)
  LocalArtifactStore localArtifactStore(GovflowConfig config) {
    return new LocalArtifactStore(Path.of(config.artifacts().root()));
  }

  @Produces
  @Singleton
  @Typed(S3ArtifactStore.class)
  S3ArtifactStore s3ArtifactStore(GovflowConfig config, AwsClients clients) {
    return new S3ArtifactStore(clients.s3(), AwsClients.required(config.aws().bucket(), "govflow.aws.bucket"),
        config.aws().prefix());
  }
}
