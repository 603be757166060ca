/**
 * The inventory and audit trail as the workflows see them: snapshots, audit events and the registry activities.
 */
package io.govflow.registry;
