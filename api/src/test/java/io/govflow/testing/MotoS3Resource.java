package io.govflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The API on the aws provider with S3 on moto ({@link MotoServer}): the settings the API reads, a bucket to write
 * to, and credentials for the SDK's default chain (moto accepts any).
 */
public class MotoS3Resource implements QuarkusTestResourceLifecycleManager {

  public static final String BUCKET = "govflow-artifacts";
  private static final String ACCESS_KEY = "aws.accessKeyId";
  private static final String SECRET_KEY = "aws.secretAccessKey";

  private MotoServer moto;

  @Override
  public Map<String, String> start() {
    moto = MotoServer.start();
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
    System.setProperty(ACCESS_KEY, "testing");
    System.setProperty(SECRET_KEY, "testing");
    return Map.of(
        "govflow.provider", "aws",
        "govflow.aws.region", "us-east-1",
        "govflow.aws.endpoint-override", moto.endpoint().toString(),
        "govflow.aws.path-style-access", "true",
        "govflow.aws.bucket", BUCKET);
  }

  @Override
  public void stop() {
    System.clearProperty(ACCESS_KEY);
    System.clearProperty(SECRET_KEY);
    if (moto != null) {
      moto.close();
    }
  }
}
