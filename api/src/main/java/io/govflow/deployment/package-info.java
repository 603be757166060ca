/** Steps 9 and 12 in the API: the endpoints a use case has, read from the inventory. */
package io.govflow.deployment;
