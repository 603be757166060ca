package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.BiasReport.BiasMetric;
import io.govflow.evaluation.metrics.BiasReport.ConfidenceInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Clarify's bias metrics between group a (not sensitive) and group d (sensitive), with smclarify 0.5's definitions
 * and conventions ({@code bias/metrics/pretraining.py}, {@code posttraining.py}, {@code common.py}); names and
 * descriptions as its report writes them, in its order (by name). q = n(1) / n is a group's favourable proportion,
 * hats mark predictions. Where smclarify raises (an empty group, no group variable, a flip test on text columns),
 * the metric has a null value and the reason, as Clarify's report does. Where smclarify divides by zero it does not
 * raise: 0 / 0 is 0 and x / 0 is infinity ({@link Ratio#divide}), which analysis.json carries as the string
 * {@code "Infinity"}; the difference of two infinite rates is 0 ({@link Ratio#difference}).
 */
enum ClarifyMetric {

  /** CDDL: group-size-weighted mean over the group variable's values of DD = nd(0) / n(0) - nd(1) / n(1). */
  CDDL("Conditional Demographic Disparity in Labels (CDDL)", false,
      rows -> conditionalDemographicDisparity(rows, FacetCounts.FAVOURABLE)),

  /** CI = (na - nd) / (na + nd). */
  CI("Class Imbalance (CI)", true, rows -> {
    GroupCounts a = rows.a();
    GroupCounts d = rows.d();
    return Ratio.of((double) (a.n() - d.n()) / (a.n() + d.n()));
  }),

  /** DPL = qa - qd. */
  DPL("Difference in Positive Proportions in Labels (DPL)", true,
      rows -> Ratio.of(q(rows.a()) - q(rows.d()))),

  /** JS = ½ [Σ Pa ln(Pa / P) + Σ Pd ln(Pd / P)], P = ½ (Pa + Pd), over the outcomes both groups have. */
  JS("Jensen-Shannon Divergence (JS)", true, rows -> overSharedOutcomes(rows, (pa, pd) -> {
    double sum = 0;
    for (int i = 0; i < pa.length; i++) {
      double mean = 0.5 * (pa[i] + pd[i]);
      sum += pa[i] * Math.log(pa[i] / mean);
    }
    for (int i = 0; i < pa.length; i++) {
      double mean = 0.5 * (pa[i] + pd[i]);
      sum += pd[i] * Math.log(pd[i] / mean);
    }
    return 0.5 * sum;
  })),

  /**
   * KL = Σ Pa ln(Pa / Pd) over the outcomes both groups have: an outcome one group lacks is left out rather than
   * made infinite, so KL can be negative (smclarify's {@code pdfs_aligned_nonzero}).
   */
  KL("Kullback-Liebler Divergence (KL)", true, rows -> overSharedOutcomes(rows, (pa, pd) -> {
    double sum = 0;
    for (int i = 0; i < pa.length; i++) {
      sum += pa[i] * Math.log(pa[i] / pd[i]);
    }
    return sum;
  })),

  /** KS = max |Pa - Pd| over the outcomes both groups have. */
  KS("Kolmogorov-Smirnov Distance (KS)", true, rows -> overSharedOutcomes(rows, (pa, pd) -> {
    double max = 0;
    for (int i = 0; i < pa.length; i++) {
      max = Math.max(max, Math.abs(pa[i] - pd[i]));
    }
    return max;
  })),

  /** LP = [Σ (Pa - Pd)²]^½ over the outcomes both groups have. */
  LP("L-p Norm (LP)", true, rows -> overSharedOutcomes(rows, (pa, pd) -> {
    double sum = 0;
    for (int i = 0; i < pa.length; i++) {
      sum += (pa[i] - pd[i]) * (pa[i] - pd[i]);
    }
    return Math.sqrt(sum);
  })),

  /** TVD = ½ Σ |Pa - Pd| over the outcomes both groups have. */
  TVD("Total Variation Distance (TVD)", true, rows -> overSharedOutcomes(rows, (pa, pd) -> {
    double sum = 0;
    for (int i = 0; i < pa.length; i++) {
      sum += Math.abs(pa[i] - pd[i]);
    }
    return 0.5 * sum;
  })),

  /** AD = ACCa - ACCd with ACC = (TP + TN) / n. */
  AD("Accuracy Difference (AD)", true, rows -> Ratio.of(Ratio.difference(accuracy(rows.a()), accuracy(rows.d())))),

  /** CDDPL: CDDL of the predicted labels. */
  CDDPL("Conditional Demographic Disparity in Predicted Labels (CDDPL)", false,
      rows -> conditionalDemographicDisparity(rows, FacetCounts.PREDICTED)),

  /** DAR = TPa / n̂a(1) - TPd / n̂d(1): the precision of acceptances in a minus that in d. */
  DAR("Difference in Acceptance Rates (DAR)", true, rows -> difference(rows,
      g -> Ratio.divide(g.truePositives(), g.predicted()), false)),

  /** DCA = ca - cd with c = n(1) / n̂(1): observed over predicted acceptances. */
  DCA("Difference in Conditional Acceptance (DCA)", true, rows -> difference(rows,
      g -> Ratio.divide(g.labelled(), g.predicted()), false)),

  /** DCR = rd - ra with r = n(0) / n̂(0): observed over predicted rejections. */
  DCR("Difference in Conditional Rejection (DCR)", true, rows -> difference(rows,
      g -> Ratio.divide(g.labelledUnfavourable(), g.predictedUnfavourable()), true)),

  /** DI = q̂d / q̂a. */
  DI("Disparate Impact (DI)", true, rows -> Ratio.of(Ratio.divide(qHat(rows.d()), qHat(rows.a())))),

  /** DPPL = q̂a - q̂d. */
  DPPL("Difference in Positive Proportions in Predicted Labels (DPPL)", true,
      rows -> Ratio.of(qHat(rows.a()) - qHat(rows.d()))),

  /** DRR = TNd / n̂d(0) - TNa / n̂a(0): the precision of rejections in d minus that in a. */
  DRR("Difference in Rejection Rates (DRR)", true, rows -> difference(rows,
      g -> Ratio.divide(g.trueNegatives(), g.predictedUnfavourable()), true)),

  /** FT: see {@link FlipTest}. */
  FT("Flip Test (FT)", true, rows -> rows.flips().ft(rows.d())),

  /**
   * GE: the generalized entropy index with α = 2 of the benefits b = ŷ - y + 1 of all rows, whatever the facet:
   * Σ ((b / mean b)² - 1) / (2n).
   */
  GE("Generalized Entropy (GE)", false, ClarifyMetric::generalizedEntropy),

  /** RD = TPRa - TPRd with TPR = TP / (TP + FN). */
  RD("Recall Difference (RD)", true, rows -> difference(rows,
      g -> Ratio.divide(g.truePositives(), g.labelled()), false)),

  /** SD = TNRd - TNRa with TNR = TN / (TN + FP). */
  SD("Specificity Difference (SD)", true, rows -> difference(rows,
      g -> Ratio.divide(g.trueNegatives(), g.labelledUnfavourable()), true)),

  /** TE = FNd / FPd - FNa / FPa. */
  TE("Treatment Equality (TE)", true, rows -> difference(rows,
      g -> Ratio.divide(g.falseNegatives(), g.falsePositives()), true));

  static final List<ClarifyMetric> PRE_TRAINING = List.of(CDDL, CI, DPL, JS, KL, KS, LP, TVD);
  static final List<ClarifyMetric> POST_TRAINING =
      List.of(AD, CDDPL, DAR, DCA, DCR, DI, DPPL, DRR, FT, GE, RD, SD, TE);

  private final String description;
  private final boolean needsBothGroups;
  private final Function<FacetCounts, Ratio> formula;

  ClarifyMetric(String description, boolean needsBothGroups, Function<FacetCounts, Ratio> formula) {
    this.description = description;
    this.needsBothGroups = needsBothGroups;
    this.formula = formula;
  }

  /** The metric as analysis.json writes it: its value or why it is undefined, and its interval if drawn. */
  BiasMetric measured(Ratio value, ConfidenceInterval interval) {
    return new BiasMetric(name(), description, value.value(), value.undefinedBecause(), interval);
  }

  /** The metric on these counts, or why it is undefined on them. */
  Ratio value(FacetCounts rows) {
    if (needsBothGroups && rows.d().n() == 0) {
      return Ratio.undefined("no row is in the sensitive group d: check the facet's values or threshold");
    }
    if (needsBothGroups && rows.a().n() == 0) {
      return Ratio.undefined("every row is in the sensitive group d, so group a is empty");
    }
    return formula.apply(rows);
  }

  private static double q(GroupCounts group) {
    return (double) group.labelled() / group.n();
  }

  private static double qHat(GroupCounts group) {
    return (double) group.predicted() / group.n();
  }

  private static double accuracy(GroupCounts group) {
    return Ratio.divide(group.truePositives() + group.trueNegatives(), group.n());
  }

  /** A rate of a minus that of d, or of d minus that of a where a higher rate is worse for d (rejections, errors). */
  private static Ratio difference(FacetCounts rows, Function<GroupCounts, Double> rate, boolean dFirst) {
    double a = rate.apply(rows.a());
    double d = rate.apply(rows.d());
    return Ratio.of(dFirst ? Ratio.difference(d, a) : Ratio.difference(a, d));
  }

  private interface Distance {
    double between(double[] pa, double[] pd);
  }

  /**
   * A distance between the label distributions of a and d, restricted as smclarify's {@code pdfs_aligned_nonzero}
   * restricts them: to the outcomes (unfavourable, favourable) whose proportion is non-zero in both groups.
   */
  private static Ratio overSharedOutcomes(FacetCounts rows, Distance distance) {
    GroupCounts a = rows.a();
    GroupCounts d = rows.d();
    double[][] proportions = {
        {(double) a.labelledUnfavourable() / a.n(), (double) a.labelled() / a.n()},
        {(double) d.labelledUnfavourable() / d.n(), (double) d.labelled() / d.n()}};
    List<double[]> shared = new ArrayList<>();
    for (int outcome = 0; outcome < 2; outcome++) {
      if (proportions[0][outcome] > 0 && proportions[1][outcome] > 0) {
        shared.add(new double[] {proportions[0][outcome], proportions[1][outcome]});
      }
    }
    if (shared.isEmpty()) {
      return Ratio.undefined("groups a and d have no label outcome in common");
    }
    double[] pa = shared.stream().mapToDouble(p -> p[0]).toArray();
    double[] pd = shared.stream().mapToDouble(p -> p[1]).toArray();
    return Ratio.of(distance.between(pa, pd));
  }

  /**
   * smclarify's {@code common.CDD}: for each value of the group variable, DD = (share of d among its unfavourable
   * outcomes) - (share of d among its favourable ones), 0 for a share over no row; then the mean weighted by the
   * value's row count. Needs both outcomes somewhere in the data. {@code outcome} is the bit of the outcome judged:
   * the label ({@link FacetCounts#FAVOURABLE}) or the prediction ({@link FacetCounts#PREDICTED}).
   */
  private static Ratio conditionalDemographicDisparity(FacetCounts rows, int outcome) {
    if (!rows.grouped()) {
      return Ratio.undefined("no group_variable is configured, so conditional demographic disparity is undefined");
    }
    long favourableRows = rows.count(outcome, outcome);
    if (favourableRows == 0) {
      return Ratio.undefined("no row has the favourable outcome");
    }
    if (favourableRows == rows.count(0, 0)) {
      return Ratio.undefined("every row has the favourable outcome");
    }
    int inD = FacetCounts.SENSITIVE;
    double weighted = 0;
    long total = 0;
    for (int g = 0; g < rows.groupCount(); g++) {
      long size = rows.count(g, 0, 0);
      if (size == 0) {
        continue;
      }
      long favourable = rows.count(g, outcome, outcome);
      long unfavourable = size - favourable;
      double accepted = favourable == 0 ? 0 : (double) rows.count(g, inD | outcome, inD | outcome) / favourable;
      double rejected = unfavourable == 0 ? 0 : (double) rows.count(g, inD | outcome, inD) / unfavourable;
      weighted += size * (rejected - accepted);
      total += size;
    }
    return Ratio.of(Ratio.divide(weighted, total));
  }

  /** From the counts of each benefit b = ŷ - y + 1: 0 for a false negative, 2 for a false positive, else 1. */
  private static Ratio generalizedEntropy(FacetCounts rows) {
    long n = rows.count(0, 0);
    if (n == 0) {
      return Ratio.undefined("no row to measure");
    }
    int both = FacetCounts.FAVOURABLE | FacetCounts.PREDICTED;
    long falseNegatives = rows.count(both, FacetCounts.FAVOURABLE);
    long falsePositives = rows.count(both, FacetCounts.PREDICTED);
    long right = n - falseNegatives - falsePositives;
    double sum = right + 2.0 * falsePositives;
    if (sum == 0) {
      return Ratio.undefined("every prediction is a false negative, so the mean benefit is 0");
    }
    double mean = sum / n;
    double entropy = falseNegatives * -1.0 + right * (1 / (mean * mean) - 1) + falsePositives * (4 / (mean * mean) - 1);
    return Ratio.of(entropy / (n * 2.0));
  }
}
