/**
 * The inventory and the audit trail: {@link io.govflow.registry.RegistryActivitiesImpl} writes facts keyed by the
 * ids the workflows computed, each with its audit event in one hash chain; {@link io.govflow.registry.Inventory}
 * reads them back as records for the API and auditors. Schema: Flyway's {@code db/migration}.
 */
package io.govflow.registry;
