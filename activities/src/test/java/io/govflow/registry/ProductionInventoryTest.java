package io.govflow.registry;

import io.quarkus.test.junit.QuarkusTest;

/** The production inventory's promises on the embedded default's database, H2 in PostgreSQL mode. */
@QuarkusTest
class ProductionInventoryTest extends ProductionInventoryContractTest {}
