package io.govflow.evaluation.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each value of a column occurs, counted from byte ranges without making a string per cell. Exact for the
 * first {@code limit} distinct values and for the values given up front ({@code expected}: a baseline's categories);
 * beyond them, as Deequ keeps histograms only for low-cardinality columns, further values are only counted together
 * ({@link #uncounted()}) and their number of distinct values is estimated by a HyperLogLog sketch (Flajolet et al.,
 * 2007). So memory is bounded whatever the number of rows or distinct values. Once past the limit, a column with no
 * expected values has no distribution to report, so every value then only feeds the sketch.
 */
final class CategoryCounts {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final int capacity;
  private final boolean countsPastLimit;
  private final int[] slots;
  private final int[] keyStart;
  private final int[] keyLength;
  private final long[] hashes;
  private final long[] counts;
  private byte[] keys = new byte[256];
  private int keysLength;
  private int entries;
  private long uncounted;
  private HyperLogLog beyondLimit;

  CategoryCounts(int limit, Collection<String> expected) {
    capacity = limit + expected.size();
    countsPastLimit = !expected.isEmpty();
    slots = new int[Integer.highestOneBit(Math.max(capacity, 8) * 4)];
    keyStart = new int[capacity];
    keyLength = new int[capacity];
    hashes = new long[capacity];
    counts = new long[capacity];
    for (String value : expected) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      long hash = hash(bytes, 0, bytes.length);
      if (find(bytes, 0, bytes.length, hash) < 0) {
        insert(bytes, 0, bytes.length, hash);
      }
    }
  }

  void add(byte[] bytes, int from, int to) {
    long hash = hash(bytes, from, to);
    if (beyondLimit != null && !countsPastLimit) {
      beyondLimit.add(hash);
      uncounted++;
      return;
    }
    int entry = find(bytes, from, to, hash);
    if (entry >= 0) {
      counts[entry]++;
    } else if (entries < capacity) {
      counts[insert(bytes, from, to, hash)]++;
    } else {
      if (beyondLimit == null) {
        beyondLimit = new HyperLogLog();
        for (int e = 0; e < entries; e++) {
          if (counts[e] > 0) {
            beyondLimit.add(hashes[e]);
          }
        }
      }
      beyondLimit.add(hash);
      uncounted++;
    }
  }

  /** Whether every value is counted one by one, so {@link #counts()} is the whole distribution. */
  boolean complete() {
    return beyondLimit == null;
  }

  /** Occurrences of the values not counted one by one; 0 when {@link #complete()}. */
  long uncounted() {
    return uncounted;
  }

  /** Each value counted one by one that occurred, with its count, in value order. */
  Map<String, Long> counts() {
    Map<String, Long> values = new TreeMap<>();
    for (int e = 0; e < entries; e++) {
      if (counts[e] > 0) {
        values.put(new String(keys, keyStart[e], keyLength[e], StandardCharsets.UTF_8), counts[e]);
      }
    }
    return values;
  }

  /** The number of distinct values that occurred: exact when {@link #complete()}, else the sketch's estimate. */
  long distinct() {
    long counted = Arrays.stream(counts, 0, entries).filter(count -> count > 0).count();
    return complete() ? counted : Math.max(counted + 1, Math.round(beyondLimit.estimate()));
  }

  private int find(byte[] bytes, int from, int to, long hash) {
    int mask = slots.length - 1;
    for (int slot = (int) hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
      int entry = slots[slot] - 1;
      if (hashes[entry] == hash && keyLength[entry] == to - from
          && (to - from <= Long.BYTES || sameKey(entry, bytes, from, to))) {
        return entry;
      }
    }
    return -1;
  }

  /** Compares a key longer than 8 bytes with an entry of the same length and hash. */
  private boolean sameKey(int entry, byte[] bytes, int from, int to) {
    int start = keyStart[entry];
    for (int i = 0; i < to - from; i++) {
      if (keys[start + i] != bytes[from + i]) {
        return false;
      }
    }
    return true;
  }

  private int insert(byte[] bytes, int from, int to, long hash) {
    int length = to - from;
    if (keysLength + length > keys.length) {
      keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keysLength + length));
    }
    System.arraycopy(bytes, from, keys, keysLength, length);
    int entry = entries++;
    keyStart[entry] = keysLength;
    keyLength[entry] = length;
    hashes[entry] = hash;
    keysLength += length;
    int mask = slots.length - 1;
    int slot = (int) hash & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = entry + 1;
    return entry;
  }

  /**
   * MurmurHash3's finaliser, so that every bit of the result depends on every byte, over the bytes themselves for a
   * value of up to 8 bytes (most categories), else over their FNV-1a hash. Up to 8 bytes the finaliser is a bijection
   * and the length is mixed in, so two values of the same length and hash are the same value: no bytes to compare.
   */
  private static long hash(byte[] bytes, int from, int to) {
    long hash;
    if (to - from <= Long.BYTES) {
      hash = 0;
      for (int i = to - 1; i >= from; i--) {
        hash = (hash << Byte.SIZE) | (bytes[i] & 0xff);
      }
      return finalised(hash) ^ (to - from);
    }
    hash = FNV_OFFSET;
    for (int i = from; i < to; i++) {
      hash = (hash ^ bytes[i]) * FNV_PRIME;
    }
    return finalised(hash);
  }

  private static long finalised(long hash) {
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    return hash ^ (hash >>> 33);
  }

  /** 2^12 registers: a relative standard error of 1.04 / sqrt(4096), about 1.6 %, in 4 KB. */
  private static final class HyperLogLog {

    private static final int PRECISION = 12;
    private static final int REGISTERS = 1 << PRECISION;

    private final byte[] registers = new byte[REGISTERS];

    void add(long hash) {
      int register = (int) (hash >>> (Long.SIZE - PRECISION));
      int rank = Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1;
      if (rank > registers[register]) {
        registers[register] = (byte) rank;
      }
    }

    double estimate() {
      double sum = 0;
      int zeros = 0;
      for (byte register : registers) {
        sum += Math.scalb(1.0, -register);
        zeros += register == 0 ? 1 : 0;
      }
      double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
      double raw = alpha * REGISTERS * REGISTERS / sum;
      // Few distinct values leave registers empty; linear counting is then the better estimate.
      return raw <= 2.5 * REGISTERS && zeros > 0 ? REGISTERS * Math.log((double) REGISTERS / zeros) : raw;
    }
  }
}
