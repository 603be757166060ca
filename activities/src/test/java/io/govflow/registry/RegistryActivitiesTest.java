package io.govflow.registry;

import io.quarkus.test.junit.QuarkusTest;

/** The registry's promises on the embedded default's database, H2 in PostgreSQL mode. */
@QuarkusTest
class RegistryActivitiesTest extends RegistryActivitiesContractTest {}
