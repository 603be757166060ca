package io.govflow.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@code @QuarkusTest} on a real PostgreSQL 15: {@code @TestProfile(PostgresProfile.class)}. The database
 * kind is fixed when Quarkus builds the application, which a test resource's properties (applied at run time) cannot
 * change; a profile's overrides can, so the profile switches the kind and brings {@link PostgresResource} for the
 * server, its URL and credentials.
 */
public class PostgresProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("quarkus.datasource.db-kind", "postgresql");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(PostgresResource.class));
  }
}
