/**
 * What the aws activities share: the SDK clients built from {@code govflow.aws.*} (with optional role assumption),
 * and reading the services' errors into adopt, retry or fail for good.
 */
package io.govflow.common.aws;
