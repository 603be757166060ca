/** Stored evidence documents as the API serves them: verified against the digest the workflow recorded. */
package io.govflow.evidence;
