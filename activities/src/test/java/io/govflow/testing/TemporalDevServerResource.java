package io.govflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at a fresh {@link TemporalDevServer}. Quarkus starts one per distinct set
 * of test resources, so all test classes that name this resource share one server.
 */
public class TemporalDevServerResource implements QuarkusTestResourceLifecycleManager {

  private TemporalDevServer server;

  @Override
  public Map<String, String> start() {
    server = TemporalDevServer.start();
    return Map.of("govflow.temporal.target", server.target());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
