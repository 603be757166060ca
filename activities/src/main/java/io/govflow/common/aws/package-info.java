/**
 * What the aws activities share: the SDK clients built from {@code govflow.aws.*} (with optional role assumption);
 * reading the services' errors into adopt, retry or fail for good; deterministic resource names; running a named job
 * once (stage its inputs, create or adopt it, poll it with heartbeats); Clarify processing jobs; reading the use
 * case's CSV from S3.
 */
package io.govflow.common.aws;
