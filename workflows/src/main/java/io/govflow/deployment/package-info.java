/**
 * Steps 9 and 12: a signed-off model version served by an endpoint in the test or production environment, with
 * every request and response captured for monitoring. The contracts here; providers implement them in activities.
 */
package io.govflow.deployment;
