/**
 * What every API feature shares: the problem+json error shape and its one set of exception mappers, the demo users
 * behind HTTP Basic, the roles, the Temporal readiness check, and the calls into Temporal that resources repeat.
 */
package io.govflow.common;
