package io.govflow.deployment.local;

import io.govflow.common.GovflowConfig;
import io.govflow.evidence.LocalArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The one {@link EndpointServer} of a worker, listening on {@code govflow.local.endpoints.host} and {@code .port}.
 * It starts when the local provider's activities are first built and stops when the process shuts down; a process
 * that never asks for it (the API, the aws provider) never listens.
 */
@ApplicationScoped
public class EndpointServerProducer {

  private static final Logger LOG = Logger.getLogger(EndpointServerProducer.class);

  @Produces
  @Singleton
  EndpointServer endpointServer(GovflowConfig config, LocalArtifactStore store) {
    GovflowConfig.Local.Endpoints endpoints = config.local().endpoints();
    EndpointServer server = EndpointServer.start(new InetSocketAddress(endpoints.host(), endpoints.port()), store,
        Clock.systemUTC());
    LOG.infof("local model endpoints listening on %s:%d", endpoints.host(), server.port());
    return server;
  }

  void close(@Disposes EndpointServer server) {
    server.close();
  }
}
