package io.govflow.common.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class AwsErrorsTest {

  @Test
  void sageMakersValidationWordingTellsNotFoundFromAlreadyExists() {
    assertThat(AwsErrors.isNotFound(error(400, "ValidationException", "Requested resource not found."))).isTrue();
    assertThat(AwsErrors.isNotFound(error(400, "ValidationException",
        "ModelPackageGroup arn:aws:sagemaker:us-east-1:1:model-package-group/gf-uc-17 does not exist."))).isTrue();
    assertThat(AwsErrors.isNotFound(error(400, "ValidationException",
        "Cannot find resource policy for: arn:aws:sagemaker:us-east-1:1:model-package-group/gf-uc-17"))).isTrue();
    assertThat(AwsErrors.isAlreadyExists(error(400, "ValidationException",
        "Model Package Group already exists: arn:aws:sagemaker:us-east-1:1:model-package-group/gf-uc-17"))).isTrue();
    assertThat(AwsErrors.isAlreadyExists(error(400, "ResourceInUse", "Training job names must be unique"))).isTrue();
    assertThat(AwsErrors.isNotFound(error(400, "ValidationException", "1 validation error detected"))).isFalse();
  }

  @Test
  void invalidRequestIsNonRetryableAndSaysWhatWasBeingDone() {
    RuntimeException failure = AwsErrors.failure(
        error(400, "ValidationException", "1 validation error detected: Value 'x' at 'roleArn'"), "submitting job j");

    assertThat(failure).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
      assertThat(f.isNonRetryable()).isTrue();
      assertThat(f.getType()).isEqualTo(AwsErrors.AWS_VALIDATION);
      assertThat(f.getOriginalMessage()).startsWith("submitting job j was refused as invalid").contains("roleArn");
    });
  }

  @Test
  void deniedRequestIsNonRetryable() {
    assertThat(AwsErrors.failure(error(400, "AccessDeniedException", "not authorized"), "x"))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType())
            .isEqualTo(AwsErrors.AWS_ACCESS_DENIED));
    assertThat(AwsErrors.failure(error(401, "UnauthorizedException", "not a member of the domain"), "x"))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType())
            .isEqualTo(AwsErrors.AWS_ACCESS_DENIED));
  }

  @Test
  void dataZonesConflictAndNotFoundAreReadByCode() {
    assertThat(AwsErrors.isAlreadyExists(error(409, "ConflictException", "Project name is taken"))).isTrue();
    assertThat(AwsErrors.isNotFound(error(404, "ResourceNotFoundException", "Project prj1"))).isTrue();
  }

  @Test
  void throttlingAndServerErrorsAreLeftForTemporalToRetry() {
    AwsServiceException throttled = error(400, "ThrottlingException", "Rate exceeded");
    AwsServiceException internal = error(500, "InternalFailure", "oops");

    assertThat(AwsErrors.failure(throttled, "x")).isSameAs(throttled);
    assertThat(AwsErrors.failure(internal, "x")).isSameAs(internal);
  }

  private static AwsServiceException error(int status, String code, String message) {
    return AwsServiceException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }
}
