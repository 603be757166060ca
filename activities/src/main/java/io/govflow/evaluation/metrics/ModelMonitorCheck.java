package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.ConstraintViolations.CheckType;
import io.govflow.evaluation.metrics.ConstraintViolations.Violation;
import io.govflow.evaluation.metrics.DataStatistics.Bucket;
import io.govflow.evaluation.metrics.DataStatistics.StringStatistics;
import io.govflow.evaluation.metrics.MonitorConstraints.ComparisonMethod;
import io.govflow.evaluation.metrics.MonitorConstraints.DistributionConstraints;
import io.govflow.evaluation.metrics.MonitorConstraints.MonitoringConfig;
import io.govflow.evaluation.metrics.MonitorConstraints.StringConstraints;
import io.govflow.evaluation.metrics.MonitorConstraints.Toggle;
import io.govflow.evaluation.metrics.MonitorStatistics.Feature;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A monitoring run, as Model Monitor's data-quality job does it: new traffic is judged against a baseline's
 * statistics and constraints, and every broken constraint becomes one violation of constraint_violations.json.
 * Each feature is judged with {@code monitoring_config} as overridden by its own {@code monitoringConfigOverrides}.
 */
public final class ModelMonitorCheck {

  /** Deequ's two-sample Kolmogorov-Smirnov coefficient behind the Robust comparison. */
  static final double ROBUST_COEFFICIENT = 1.8;

  private ModelMonitorCheck() {}

  /** What a monitoring run writes: the traffic's own statistics.json and its constraint_violations.json. */
  public record Result(MonitorStatistics statistics, ConstraintViolations violations) {}

  /**
   * A monitoring run over CSV traffic (header row first), read once: memory grows with the number of columns, not
   * rows. The same documents as {@link #currentStatistics} and {@link #check} on a table of the same rows. Closes
   * {@code current}.
   *
   * @throws TableFormatException if the bytes are not a CSV table
   */
  public static Result run(MonitorStatistics baseline, MonitorConstraints constraints, InputStream current) {
    ColumnProfiles profiles = ColumnProfiles.read(current, profileOf(baseline, constraints, column -> null));
    return new Result(profiles.statistics(), check(baseline, constraints, profiles));
  }

  /**
   * The statistics.json of the current traffic, which a monitoring run writes beside its violations: each baseline
   * column read as the baseline typed it, so a drifting type shows as missing numbers rather than a new type.
   */
  public static MonitorStatistics currentStatistics(MonitorConstraints constraints, Table current) {
    return ColumnProfiles.of(current, profileOf(null, constraints, current::type)).statistics();
  }

  public static ConstraintViolations check(
      MonitorStatistics baseline, MonitorConstraints constraints, Table current) {
    return check(baseline, constraints, ColumnProfiles.of(current, profileOf(baseline, constraints, current::type)));
  }

  /**
   * Each column's profile: typed as the constraints, else the baseline statistics, type it; a column the baseline
   * does not know is typed by {@code unknown} (null: by its values). A String column counts the baseline's
   * categories and domain one by one however many other values arrive, so the checks on them stay exact.
   */
  private static Function<String, ColumnProfile> profileOf(MonitorStatistics baseline, MonitorConstraints constraints,
      Function<String, ColumnType> unknown) {
    return column -> {
      Optional<MonitorConstraints.Feature> constrained =
          constraints.features().stream().filter(f -> f.name().equals(column)).findFirst();
      Optional<Feature> described = baseline == null ? Optional.empty() : baseline.feature(column);
      ColumnType type = constrained.map(MonitorConstraints.Feature::inferredType)
          .or(() -> described.map(Feature::inferredType))
          .orElseGet(() -> constrained.isPresent() || described.isPresent() ? null : unknown.apply(column));
      Set<String> expected = new TreeSet<>();
      constrained.map(MonitorConstraints.Feature::stringConstraints).map(StringConstraints::domains)
          .ifPresent(expected::addAll);
      described.map(Feature::stringStatistics).map(StringStatistics::distribution)
          .ifPresent(d -> d.categorical().buckets().forEach(b -> expected.add(b.value())));
      return new ColumnProfile(type, expected);
    };
  }

  private static ConstraintViolations check(
      MonitorStatistics baseline, MonitorConstraints constraints, ColumnProfiles current) {
    MonitoringConfig global = MonitoringConfig.DEFAULTS.overriddenBy(constraints.monitoringConfig());
    List<Violation> violations = new ArrayList<>();
    if (global.evaluateConstraints() == Toggle.DISABLED) {
      return new ConstraintViolations(violations);
    }
    Set<String> baselineColumns = new HashSet<>();
    for (MonitorConstraints.Feature feature : constraints.features()) {
      baselineColumns.add(feature.name());
      if (!current.hasColumn(feature.name())) {
        violations.add(new Violation(feature.name(), CheckType.MISSING_COLUMN_CHECK, String.format(Locale.ROOT,
            "Baseline column '%s' is missing from the current data: send it, or baseline again without it",
            feature.name())));
      } else {
        MonitoringConfig config = global.overriddenBy(feature.monitoringConfigOverrides());
        if (config.evaluateConstraints() == Toggle.ENABLED) {
          violations.addAll(checkFeature(feature, baseline.feature(feature.name()), config,
              current.profile(feature.name())));
        }
      }
    }
    for (String column : current.columns()) {
      if (!baselineColumns.contains(column)) {
        violations.add(new Violation(column, CheckType.EXTRA_COLUMN_CHECK, String.format(Locale.ROOT,
            "Column '%s' is not in the baseline: stop sending it, or baseline again with it", column)));
      }
    }
    return new ConstraintViolations(violations);
  }

  private static List<Violation> checkFeature(MonitorConstraints.Feature feature, Optional<Feature> baseline,
      MonitoringConfig config, ColumnProfile profile) {
    List<Violation> violations = new ArrayList<>();
    dataType(feature.name(), profile, config.datatypeCheckThreshold()).ifPresent(violations::add);
    completeness(feature, profile).ifPresent(violations::add);
    DistributionConstraints distribution = config.distributionConstraints();
    if (baseline.isPresent() && distribution.performComparison() == Toggle.ENABLED) {
      drift(baseline.get(), profile, distribution).ifPresent(violations::add);
    }
    categoricalValues(feature, profile, config.domainContentThreshold()).ifPresent(violations::add);
    return violations;
  }

  private static Optional<Violation> dataType(String name, ColumnProfile profile, double threshold) {
    if (profile.present() == 0) {
      return Optional.empty();
    }
    double mismatched = (double) profile.mismatched() / profile.present();
    if (mismatched <= threshold) {
      return Optional.empty();
    }
    return Optional.of(new Violation(name, CheckType.DATA_TYPE_CHECK, String.format(Locale.ROOT,
        "Data type match requirement is not met: expected %s, but %d of %d present values (%.4f) are not, more "
            + "than the datatype_check_threshold %s",
        profile.type().label(), profile.mismatched(), profile.present(), mismatched, threshold)));
  }

  private static Optional<Violation> completeness(MonitorConstraints.Feature feature, ColumnProfile profile) {
    if (feature.completeness() == null || profile.completeness() >= feature.completeness()) {
      return Optional.empty();
    }
    return Optional.of(new Violation(feature.name(), CheckType.COMPLETENESS_CHECK, String.format(Locale.ROOT,
        "Data completeness requirement is not met: expected completeness %.4f, observed %.4f",
        feature.completeness(), profile.completeness())));
  }

  private static Optional<Violation> drift(
      Feature baseline, ColumnProfile current, DistributionConstraints constraints) {
    Optional<Distance> measured = baseline.numericalStatistics() != null
        ? numericDistance(baseline, current)
        : categoricalDistance(baseline, current);
    if (measured.isEmpty()) {
      return Optional.empty();
    }
    Distance distance = measured.get();
    ComparisonMethod method = constraints.comparisonMethod();
    double judged = judged(distance.value(), distance.n(), distance.m(), method);
    if (judged <= constraints.comparisonThreshold()) {
      return Optional.empty();
    }
    return Optional.of(new Violation(baseline.name(), CheckType.BASELINE_DRIFT_CHECK, String.format(Locale.ROOT,
        "Baseline drift distance %.4f exceeds the comparison_threshold %s (%s: L-infinity distance %.4f between "
            + "%d baseline and %d current values)",
        judged, constraints.comparisonThreshold(), method.label(), distance.value(), distance.n(), distance.m())));
  }

  /** The L-infinity distance between the two empirical CDFs, read at every split point of either sketch. */
  static Optional<Distance> numericDistance(Feature baseline, ColumnProfile current) {
    var distribution = baseline.numericalStatistics().distribution();
    if (distribution == null || current.sketch().count() == 0) {
      return Optional.empty();
    }
    KllSketch reference = distribution.kll().sketch().restore();
    KllSketch observed = current.sketch();
    TreeSet<Double> points = new TreeSet<>();
    for (double point : reference.splitPoints()) {
      points.add(point);
    }
    for (double point : observed.splitPoints()) {
      points.add(point);
    }
    double distance = 0;
    for (double point : points) {
      distance = Math.max(distance, Math.abs(reference.cdf(point) - observed.cdf(point)));
    }
    return Optional.of(new Distance(distance, reference.count(), observed.count()));
  }

  /**
   * The largest difference in any category's share of the present values, counting unseen categories as 0. Past
   * {@value ColumnProfile#CATEGORY_LIMIT} new categories the traffic's further values are not told apart, so the
   * distance is then taken over the categories counted one by one, a lower bound of the true one.
   */
  static Optional<Distance> categoricalDistance(Feature baseline, ColumnProfile current) {
    if (baseline.stringStatistics() == null || baseline.stringStatistics().distribution() == null
        || current.categories() == null || current.present() == 0) {
      return Optional.empty();
    }
    Map<String, Long> reference = new HashMap<>();
    for (Bucket bucket : baseline.stringStatistics().distribution().categorical().buckets()) {
      reference.put(bucket.value(), bucket.count());
    }
    Map<String, Long> observed = current.categories().counts();
    long n = reference.values().stream().mapToLong(Long::longValue).sum();
    long m = observed.values().stream().mapToLong(Long::longValue).sum() + current.categories().uncounted();
    if (n == 0 || m == 0) {
      return Optional.empty();
    }
    Set<String> categories = new HashSet<>(reference.keySet());
    categories.addAll(observed.keySet());
    double distance = 0;
    for (String category : categories) {
      double share = (double) reference.getOrDefault(category, 0L) / n;
      double currentShare = (double) observed.getOrDefault(category, 0L) / m;
      distance = Math.max(distance, Math.abs(share - currentShare));
    }
    return Optional.of(new Distance(distance, n, m));
  }

  /** The distance a threshold is held against: as measured, or less the Kolmogorov-Smirnov allowance if Robust. */
  static double judged(double distance, long n, long m, ComparisonMethod method) {
    if (method == ComparisonMethod.SIMPLE) {
      return distance;
    }
    return Math.max(0.0, distance - ROBUST_COEFFICIENT * Math.sqrt((double) (n + m) / ((double) n * m)));
  }

  private static Optional<Violation> categoricalValues(
      MonitorConstraints.Feature feature, ColumnProfile profile, double threshold) {
    if (feature.stringConstraints() == null || feature.stringConstraints().domains() == null
        || profile.type().isNumeric() || profile.present() == 0) {
      return Optional.empty();
    }
    Set<String> domain = new HashSet<>(feature.stringConstraints().domains());
    TreeSet<String> unknown = new TreeSet<>();
    // The domain's values are always counted one by one, so every value not told apart is outside it.
    long outside = profile.categories().uncounted();
    for (Map.Entry<String, Long> category : profile.categories().counts().entrySet()) {
      if (!domain.contains(category.getKey())) {
        unknown.add(category.getKey());
        outside += category.getValue();
      }
    }
    double share = (double) outside / profile.present();
    if (share <= threshold) {
      return Optional.empty();
    }
    return Optional.of(new Violation(feature.name(), CheckType.CATEGORICAL_VALUES_CHECK, String.format(Locale.ROOT,
        "Baseline domain not matched: %d of %d present values (%.4f) are outside the baseline's categories, more "
            + "than the domain_content_threshold %s; unknown values %s%s",
        outside, profile.present(), share, threshold, unknown,
        profile.categories().complete() ? "" : " and more, too many distinct values to list")));
  }

  /** A distance between two distributions of {@code n} and {@code m} values. */
  record Distance(double value, long n, long m) {}
}
