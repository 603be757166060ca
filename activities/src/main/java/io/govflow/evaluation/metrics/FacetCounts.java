package io.govflow.evaluation.metrics;

/**
 * Everything Clarify's metrics read of one facet's rows, as counts. A row's type is three bits: {@link #SENSITIVE}
 * (in group d, else a), {@link #FAVOURABLE} (labelled with the favourable outcome) and {@link #PREDICTED} (predicted
 * favourable; never set before training). {@code types[g][t]} counts the rows of type t whose group variable has the
 * g-th value in sorted order (one group without a group variable). {@code flips} holds the flip test's counts, null
 * where it was not run. Counts are all a bootstrap resample has to re-add, so every metric is computed here, for the
 * report and for each resample alike.
 */
final class FacetCounts {

  static final int SENSITIVE = 4;
  static final int FAVOURABLE = 2;
  static final int PREDICTED = 1;
  static final int TYPES = 8;

  private final long[][] types;
  private final long[] totals = new long[TYPES];
  private final boolean grouped;
  private final boolean predicted;
  private final FlipTest.Counts flips;
  private final GroupCounts a;
  private final GroupCounts d;

  FacetCounts(long[][] types, boolean grouped, boolean predicted, FlipTest.Counts flips) {
    this.types = types;
    this.grouped = grouped;
    this.predicted = predicted;
    this.flips = flips;
    for (long[] group : types) {
      for (int t = 0; t < TYPES; t++) {
        totals[t] += group[t];
      }
    }
    this.a = group(0);
    this.d = group(SENSITIVE);
  }

  /** Group a: the rows not in the sensitive group. */
  GroupCounts a() {
    return a;
  }

  /** Group d: the sensitive group. */
  GroupCounts d() {
    return d;
  }

  boolean grouped() {
    return grouped;
  }

  boolean predicted() {
    return predicted;
  }

  FlipTest.Counts flips() {
    return flips;
  }

  /** How many values the group variable has (1 without one). */
  int groupCount() {
    return types.length;
  }

  /** Rows of the g-th group variable value with every bit of {@code mask} as in {@code bits}. */
  long count(int g, int mask, int bits) {
    long count = 0;
    for (int t = 0; t < TYPES; t++) {
      count += (t & mask) == bits ? types[g][t] : 0;
    }
    return count;
  }

  /** Rows of every group variable value with every bit of {@code mask} as in {@code bits}. */
  long count(int mask, int bits) {
    long count = 0;
    for (int t = 0; t < TYPES; t++) {
      count += (t & mask) == bits ? totals[t] : 0;
    }
    return count;
  }

  private GroupCounts group(int sensitive) {
    int group = SENSITIVE;
    return new GroupCounts(
        count(group, sensitive),
        count(group | FAVOURABLE, sensitive | FAVOURABLE),
        count(group | PREDICTED, sensitive | PREDICTED),
        count(group | FAVOURABLE | PREDICTED, sensitive | FAVOURABLE | PREDICTED),
        count(group | FAVOURABLE | PREDICTED, sensitive));
  }
}
