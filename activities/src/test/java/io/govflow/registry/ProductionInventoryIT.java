package io.govflow.registry;

import io.govflow.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The production inventory's promises on a real PostgreSQL 15, migrated by Flyway (V1 and V2) at start-up. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class ProductionInventoryIT extends ProductionInventoryContractTest {}
