package io.govflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real PostgreSQL 15 for a {@code @QuarkusTest} and points the datasource at it; Flyway then migrates it at
 * start-up as in production. The database kind is a build-time setting, so use it through {@link PostgresProfile}
 * (or in an application built for PostgreSQL); the kind it returns only confirms the build's.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private PostgresServer server;

  @Override
  public Map<String, String> start() {
    server = PostgresServer.start("govflow");
    return Map.of(
        "quarkus.datasource.db-kind", "postgresql",
        "quarkus.datasource.jdbc.url", server.jdbcUrl(),
        "quarkus.datasource.username", PostgresServer.USER,
        "quarkus.datasource.password", PostgresServer.PASSWORD);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
