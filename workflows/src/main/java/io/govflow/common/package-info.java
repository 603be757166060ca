/**
 * Cross-cutting pieces of the lifecycle: data converter, activity profiles, search attributes, workflow ids, digests.
 */
package io.govflow.common;
