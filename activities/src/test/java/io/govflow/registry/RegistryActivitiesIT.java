package io.govflow.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The registry's promises on a real PostgreSQL 15, migrated by Flyway at start-up as in production. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class RegistryActivitiesIT extends RegistryActivitiesContractTest {

  @Test
  void migrationsAreAppliedToPostgres() throws SQLException {
    assertThat(queryString("select version()")).startsWith("PostgreSQL 15");
    assertThat(queryString("select count(*) from flyway_schema_history where version in ('1', '2') and success"))
        .isEqualTo("2");
    assertThat(queryString("select last_seq >= 0 from audit_head where id = 1")).isEqualTo("t");
  }
}
