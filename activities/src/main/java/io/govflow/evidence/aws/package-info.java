/** The artifact store of the aws provider: evidence, splits and model cards as objects in one S3 bucket. */
package io.govflow.evidence.aws;
