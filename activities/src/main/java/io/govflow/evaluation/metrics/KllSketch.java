package io.govflow.evaluation.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A KLL quantile sketch (Karnin, Lang and Liberty, "Optimal Quantile Approximation in Streams", 2016), the sketch
 * Model Monitor writes into statistics.json. Level {@code h} holds values that each stand for {@code 2^h} inputs;
 * a full level is sorted and every other value, starting at a random offset, is promoted to the next level, so the
 * sketch keeps about {@code k / (1 - c)} values however many it is fed: memory grows with columns, not rows.
 *
 * <p>The rank of a value is within {@link #rankErrorBound()} of {@code count()}: a normalised rank error of
 * {@code 3 / k}, 0.15% for the default {@code k = 2048} (measured below {@code 1.7 / k} on 100,000 values). Below
 * {@code k} values nothing is compacted and ranks are exact. The coin is seeded, so the same values in the same
 * order always give the same sketch and the same document.
 */
public final class KllSketch {

  /** Deequ's defaults, which Model Monitor writes as the sketch's {@code parameters}. */
  public static final int DEFAULT_K = 2048;
  public static final double DEFAULT_C = 0.64;

  private static final long COIN_SEED = 0x6b6c6cL;

  private final int k;
  private final double c;
  private final List<Level> levels = new ArrayList<>();
  private final SplittableRandom coin = new SplittableRandom(COIN_SEED);
  private long count;
  private int retained;
  /** {@code capacity(h)} per level, recomputed when a level is added: it depends on the number of levels. */
  private int[] capacities;
  private int capacityOfAllLevels;
  private SortedView view;

  public KllSketch() {
    this(DEFAULT_K, DEFAULT_C);
  }

  public KllSketch(int k, double c) {
    if (k < 2 || !(c > 0.5 && c < 1)) {
      throw new IllegalArgumentException("a KLL sketch needs k >= 2 and 0.5 < c < 1, not k = " + k + ", c = " + c);
    }
    this.k = k;
    this.c = c;
    addLevel();
  }

  /** The sketch whose levels are {@code data}, as statistics.json stores them (level 0 first). */
  public static KllSketch restore(int k, double c, List<double[]> data) {
    KllSketch sketch = new KllSketch(k, c);
    for (int h = 0; h < data.size(); h++) {
      if (h > 0) {
        sketch.addLevel();
      }
      for (double value : data.get(h)) {
        sketch.levels.get(h).add(value);
        sketch.count += 1L << h;
        sketch.retained++;
      }
    }
    return sketch;
  }

  public void update(double value) {
    view = null;
    levels.get(0).add(value);
    count++;
    retained++;
    if (retained > capacityOfAllLevels) {
      compress();
    }
  }

  public int k() {
    return k;
  }

  public double c() {
    return c;
  }

  /** How many values the sketch has seen. */
  public long count() {
    return count;
  }

  /** How many values the sketch keeps. */
  public int retained() {
    return retained;
  }

  /** The largest distance between {@link #rank} and the true rank this sketch promises. */
  public double rankErrorBound() {
    return 3.0 * count / k;
  }

  /** The estimated number of seen values less than or equal to {@code value}. */
  public long rank(double value) {
    SortedView sorted = view();
    int index = upperBound(sorted.values, value);
    return index == 0 ? 0 : sorted.cumulativeWeights[index - 1];
  }

  /** The estimated fraction of seen values less than or equal to {@code value}; 0 for an empty sketch. */
  public double cdf(double value) {
    return count == 0 ? 0 : (double) rank(value) / count;
  }

  /** The distinct values kept, ascending: the points where the estimated CDF steps. */
  public double[] splitPoints() {
    return Arrays.stream(view().values).distinct().toArray();
  }

  /** The kept values per level, level 0 first, each in insertion order: the sketch's {@code data}. */
  public List<double[]> data() {
    return levels.stream().map(level -> Arrays.copyOf(level.items, level.size)).toList();
  }

  private void addLevel() {
    levels.add(new Level());
    capacities = new int[levels.size()];
    capacityOfAllLevels = 0;
    for (int h = 0; h < capacities.length; h++) {
      int depth = capacities.length - 1 - h;
      capacities[h] = Math.max(2, (int) Math.ceil(k * Math.pow(c, depth)));
      capacityOfAllLevels += capacities[h];
    }
  }

  /** Compacts the lowest full level; an odd value out stays behind so no input's weight is lost. */
  private void compress() {
    for (int h = 0; h < levels.size(); h++) {
      Level level = levels.get(h);
      if (level.size >= capacities[h]) {
        if (h + 1 == levels.size()) {
          addLevel();
        }
        Level next = levels.get(h + 1);
        if (h == 0) {
          Arrays.sort(level.items, 0, level.size);
        } else {
          level.sortRuns();
        }
        int paired = level.size - level.size % 2;
        for (int i = coin.nextInt(2); i < paired; i += 2) {
          next.add(level.items[i]);
        }
        boolean odd = paired < level.size;
        double oddOneOut = level.items[level.size - 1];
        retained -= paired / 2;
        level.size = 0;
        if (odd) {
          level.add(oddOneOut);
        }
        return;
      }
    }
  }

  private SortedView view() {
    if (view == null) {
      int total = retained();
      double[] values = new double[total];
      long[] weights = new long[total];
      int i = 0;
      for (int h = 0; h < levels.size(); h++) {
        Level level = levels.get(h);
        for (int j = 0; j < level.size; j++) {
          values[i] = level.items[j];
          weights[i++] = 1L << h;
        }
      }
      Integer[] order = new Integer[total];
      Arrays.setAll(order, j -> j);
      Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
      double[] sortedValues = new double[total];
      long[] cumulative = new long[total];
      long running = 0;
      for (int j = 0; j < total; j++) {
        sortedValues[j] = values[order[j]];
        running += weights[order[j]];
        cumulative[j] = running;
      }
      view = new SortedView(sortedValues, cumulative);
    }
    return view;
  }

  /** The index of the first value greater than {@code key}. */
  private static int upperBound(double[] sorted, double key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] <= key) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private record SortedView(double[] values, long[] cumulativeWeights) {}

  private static final class Level {
    private double[] items = new double[16];
    private double[] scratch = new double[0];
    private int size;

    /**
     * Sorts a level above the first, which holds a few ascending runs (each compaction below appends one), by
     * merging the runs: linear rather than a full sort, and the same order {@link Arrays#sort(double[])} gives.
     */
    void sortRuns() {
      if (scratch.length < items.length) {
        scratch = new double[items.length];
      }
      while (true) {
        int runEnd = runEnd(items, 0, size);
        if (runEnd == size) {
          return;
        }
        int written = 0;
        for (int start = 0; start < size; ) {
          int middle = runEnd(items, start, size);
          int end = middle == size ? size : runEnd(items, middle, size);
          written = merge(items, start, middle, end, scratch, written);
          start = end;
        }
        double[] merged = scratch;
        scratch = items;
        items = merged;
      }
    }

    private static int runEnd(double[] values, int start, int end) {
      int i = start + 1;
      while (i < end && Double.compare(values[i - 1], values[i]) <= 0) {
        i++;
      }
      return i;
    }

    /** Merges {@code [start, middle)} and {@code [middle, end)} of {@code from} into {@code to} at {@code at}. */
    private static int merge(double[] from, int start, int middle, int end, double[] to, int at) {
      int left = start;
      int right = middle;
      while (left < middle && right < end) {
        to[at++] = Double.compare(from[left], from[right]) <= 0 ? from[left++] : from[right++];
      }
      System.arraycopy(from, left, to, at, middle - left);
      at += middle - left;
      System.arraycopy(from, right, to, at, end - right);
      return at + end - right;
    }

    void add(double value) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = value;
    }
  }
}
