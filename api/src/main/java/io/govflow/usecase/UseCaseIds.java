package io.govflow.usecase;

import io.govflow.common.Digests;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/** Use case ids: {@code uc-} and 8 lowercase letters or digits, random or derived from an idempotency key. */
final class UseCaseIds {

  private static final Pattern FORMAT = Pattern.compile("uc-[a-z0-9]{8}");
  private static final int LENGTH = 8;

  private UseCaseIds() {}

  static String random() {
    return fromSeed(UUID.randomUUID().toString());
  }

  /** The same owner and key always give the same id, so a retried create finds the case it started. */
  static String fromIdempotencyKey(String owner, String key) {
    return fromSeed(owner + "\n" + key);
  }

  static boolean isWellFormed(String id) {
    return id != null && FORMAT.matcher(id).matches();
  }

  private static String fromSeed(String seed) {
    String base36 = new BigInteger(1, HexFormat.of().parseHex(Digests.sha256(seed))).toString(36);
    // The low-order digits are uniform; the leading one is not.
    return "uc-" + base36.substring(base36.length() - LENGTH);
  }
}
