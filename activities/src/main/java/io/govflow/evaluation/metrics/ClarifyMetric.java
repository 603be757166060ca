package io.govflow.evaluation.metrics;

import io.govflow.evaluation.metrics.BiasReport.BiasMetric;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Clarify's bias metrics between group a (not sensitive) and group d (sensitive), with its definitions
 * (smclarify {@code bias/metrics/pretraining.py}, {@code posttraining.py}); q = n(1) / n is a group's favourable
 * proportion, hats mark predictions. Where Clarify would divide by zero or compare with an empty group, the value is
 * undefined (null) rather than Clarify's 0 or infinity, so that no policy threshold is met by an artefact of the
 * arithmetic. KL, JS and KS compare the label distributions collapsed to favourable / not favourable, as Clarify
 * does for a binary outcome.
 */
enum ClarifyMetric {

  /** CI = (na - nd) / (na + nd). */
  CI("Class Imbalance (CI)", (a, d) -> Ratio.of((double) (a.n() - d.n()) / (a.n() + d.n()))),

  /** DPL = qa - qd. */
  DPL("Difference in Positive Proportions in Labels (DPL)", (a, d) -> Ratio.of(q(a) - q(d))),

  /** JS = ½ [KL(Pa ‖ P) + KL(Pd ‖ P)] with P = ½ (Pa + Pd): finite whenever both groups have rows. */
  JS("Jensen-Shannon Divergence (JS)", (a, d) -> {
    double[] mean = distribution((q(a) + q(d)) / 2);
    return Ratio.of(0.5 * (kl(distribution(q(a)), mean).value() + kl(distribution(q(d)), mean).value()));
  }),

  /** KL = Σ Pa(y) ln(Pa(y) / Pd(y)). */
  KL("Kullback-Leibler Divergence (KL)", (a, d) -> kl(distribution(q(a)), distribution(q(d)))),

  /** KS = max over outcomes y of |Pa(y) - Pd(y)|, which for two outcomes is |qa - qd|. */
  KS("Kolmogorov-Smirnov Distance (KS)", (a, d) -> Ratio.of(Math.abs(q(a) - q(d)))),

  /** AD = ACCa - ACCd with ACC = (TP + TN) / n. */
  AD("Accuracy Difference (AD)", (a, d) -> Ratio.of(accuracy(a) - accuracy(d))),

  /** DAR = TPa / n̂a(1) - TPd / n̂d(1): the precision of acceptances in a minus that in d. */
  DAR("Difference in Acceptance Rates (DAR)", (a, d) ->
      Ratio.divide(a.truePositives(), a.predicted(), noneAccepted("a"))
          .minus(Ratio.divide(d.truePositives(), d.predicted(), noneAccepted("d")))),

  /** DCA = ca - cd with c = n(1) / n̂(1): observed over predicted acceptances. */
  DCA("Difference in Conditional Acceptance (DCA)", (a, d) ->
      Ratio.divide(a.labelled(), a.predicted(), noneAccepted("a"))
          .minus(Ratio.divide(d.labelled(), d.predicted(), noneAccepted("d")))),

  /** DI = q̂d / q̂a. */
  DI("Disparate Impact (DI)", (a, d) -> Ratio.divide(qHat(d), qHat(a), noneAccepted("a"))),

  /** DPPL = q̂a - q̂d. */
  DPPL("Difference in Positive Proportions in Predicted Labels (DPPL)", (a, d) -> Ratio.of(qHat(a) - qHat(d)));

  static final List<ClarifyMetric> PRE_TRAINING = List.of(CI, DPL, JS, KL, KS);
  static final List<ClarifyMetric> POST_TRAINING = List.of(AD, DAR, DCA, DI, DPPL);

  private final String description;
  private final BiFunction<GroupCounts, GroupCounts, Ratio> formula;

  ClarifyMetric(String description, BiFunction<GroupCounts, GroupCounts, Ratio> formula) {
    this.description = description;
    this.formula = formula;
  }

  BiasMetric between(GroupCounts a, GroupCounts d) {
    Ratio value;
    if (d.n() == 0) {
      value = Ratio.undefined("no row is in the sensitive group d: check the facet's values or threshold");
    } else if (a.n() == 0) {
      value = Ratio.undefined("every row is in the sensitive group d, so group a is empty");
    } else {
      value = formula.apply(a, d);
    }
    return new BiasMetric(name(), description, value.value(), value.undefinedBecause());
  }

  private static double q(GroupCounts group) {
    return (double) group.labelled() / group.n();
  }

  private static double qHat(GroupCounts group) {
    return (double) group.predicted() / group.n();
  }

  private static double accuracy(GroupCounts group) {
    return (double) (group.truePositives() + group.trueNegatives()) / group.n();
  }

  private static String noneAccepted(String group) {
    return "the model predicts no favourable outcome in group " + group;
  }

  private static double[] distribution(double favourable) {
    return new double[] {favourable, 1 - favourable};
  }

  /** KL(p ‖ q) = Σ p ln(p / q) over p > 0; undefined where q = 0 but p > 0. */
  private static Ratio kl(double[] p, double[] q) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        if (q[i] == 0) {
          return Ratio.undefined("an outcome that occurs in group a never occurs in group d: KL is infinite");
        }
        sum += p[i] * Math.log(p[i] / q[i]);
      }
    }
    return Ratio.of(sum);
  }
}
