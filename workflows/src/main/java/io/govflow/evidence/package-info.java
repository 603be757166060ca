/**
 * Evidence documents: references by name, location and SHA-256.
 */
package io.govflow.evidence;
