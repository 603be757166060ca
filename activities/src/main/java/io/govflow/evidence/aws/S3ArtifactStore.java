package io.govflow.evidence.aws;

import io.govflow.common.Digests;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import io.govflow.evidence.EvidenceRef;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The artifact store in one S3 bucket, under an optional key prefix; locations are {@code s3://bucket/key}. A put
 * overwrites the object under its deterministic key, so a retried activity rewrites the same artifact.
 */
public class S3ArtifactStore implements ArtifactStore {

  private static final String SCHEME = "s3://";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  /** @param prefix a key prefix such as {@code govflow/}, or empty for the bucket's root */
  public S3ArtifactStore(S3Client s3, String bucket, String prefix) {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("an S3 artifact store needs a bucket name");
    }
    this.s3 = s3;
    this.bucket = bucket;
    String given = prefix == null ? "" : prefix;
    this.prefix = given.isEmpty() || given.endsWith("/") ? given : given + "/";
  }

  @Override
  public EvidenceRef put(String key, String name, byte[] content, String contentType) {
    String objectKey = prefix + key;
    s3.putObject(b -> b.bucket(bucket).key(objectKey).contentType(contentType), RequestBody.fromBytes(content));
    return new EvidenceRef(name, SCHEME + bucket + "/" + objectKey, Digests.sha256(content), contentType);
  }

  @Override
  public byte[] get(String location) {
    S3Location object = S3Location.parse(location);
    try {
      return s3.getObjectAsBytes(b -> b.bucket(object.bucket()).key(object.key())).asByteArray();
    } catch (NoSuchKeyException e) {
      throw new ArtifactNotFoundException(location);
    }
  }

  @Override
  public boolean exists(String location) {
    S3Location object = S3Location.parse(location);
    try {
      s3.headObject(b -> b.bucket(object.bucket()).key(object.key()));
      return true;
    } catch (S3Exception e) {
      // HeadObject has no body, so a missing key arrives as a bare 404 rather than NoSuchKeyException.
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public String locationOf(String key) {
    return SCHEME + bucket + "/" + prefix + key;
  }

  /** ListObjectsV2 answers at most 1,000 keys a page; the paginator asks for the next page while one is left. */
  @Override
  public List<String> keysUnder(String folder) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + folder + "/")).contents().stream()
        .map(object -> object.key().substring(prefix.length()))
        .sorted()
        .toList();
  }

  /** A bucket and key parsed from {@code s3://bucket/key}. */
  public record S3Location(String bucket, String key) {

    /** Parsed by hand rather than as a URI: object keys may hold characters a URI must escape. */
    public static S3Location parse(String location) {
      int slash = location == null || !location.startsWith(SCHEME) ? -1 : location.indexOf('/', SCHEME.length());
      if (slash <= SCHEME.length() || slash == location.length() - 1) {
        throw new IllegalArgumentException(location + " is not an S3 object location (s3://bucket/key)");
      }
      return new S3Location(location.substring(SCHEME.length(), slash), location.substring(slash + 1));
    }

    @Override
    public String toString() {
      return SCHEME + bucket + "/" + key;
    }
  }
}
