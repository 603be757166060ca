/** What the aws activities share: reading SageMaker's errors into adopt, retry or fail for good. */
package io.govflow.common.aws;
