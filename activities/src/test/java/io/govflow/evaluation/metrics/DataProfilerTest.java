package io.govflow.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.govflow.evaluation.metrics.DataStatistics.Feature;
import io.govflow.evaluation.metrics.DataStatistics.QualityCheck;
import org.junit.jupiter.api.Test;

class DataProfilerTest {

  static final Table PEOPLE = Table.parse("""
      sex,age,income,class
      f,22,50,good
      f,30,0,bad
      f,45,?,bad
      m,23,52,good
      m,35,60,good
      m,50,58,good
      m,28,55,bad
      """);

  @Test
  void numericColumnHasModelMonitorStatistics() {
    DataStatistics stats = DataProfiler.profile(PEOPLE, "class", "good");

    // income present: 50, 0, 52, 60, 58, 55 -> sum 275, mean 275 / 6 = 45.8333;
    // population sd = sqrt(((50-m)^2 + (0-m)^2 + (52-m)^2 + (60-m)^2 + (58-m)^2 + (55-m)^2) / 6) = 20.7719
    var income = feature(stats, "income").numericalStatistics();
    assertThat(feature(stats, "income").inferredType()).isEqualTo(ColumnType.INTEGRAL);
    assertThat(income.common().numPresent()).isEqualTo(6);
    assertThat(income.common().numMissing()).isEqualTo(1);
    assertThat(income.sum()).isEqualTo(275.0);
    assertThat(income.mean()).isCloseTo(45.833333, within(1e-6));
    assertThat(income.stdDev()).isCloseTo(20.771909, within(1e-6));
    assertThat(income.min()).isEqualTo(0.0);
    assertThat(income.max()).isEqualTo(60.0);
    assertThat(income.numZero()).isEqualTo(1);
    assertThat(stats.dataset().itemCount()).isEqualTo(7);
  }

  @Test
  void stringColumnCountsDistinctValues() {
    var sex = feature(DataProfiler.profile(PEOPLE, "class", "good"), "sex").stringStatistics();

    assertThat(sex.common().numPresent()).isEqualTo(7);
    assertThat(sex.distinctCount()).isEqualTo(2);
    assertThat(sex.distribution().categorical().buckets())
        .extracting(DataStatistics.Bucket::value, DataStatistics.Bucket::count)
        .containsExactly(tuple("m", 4L), tuple("f", 3L));
  }

  @Test
  void labelSectionGivesClassBalance() {
    DataStatistics.Label label = DataProfiler.profile(PEOPLE, "class", "good").label();

    // good 4, bad 3 of 7 labelled rows
    assertThat(label.classCounts()).containsEntry("good", 4L).containsEntry("bad", 3L);
    assertThat(label.metrics().get("favourable_fraction")).isCloseTo(4 / 7.0, within(1e-12));
    assertThat(label.metrics().get("minority_class_fraction")).isCloseTo(3 / 7.0, within(1e-12));
  }

  @Test
  void missingValuesAndZerosFarBelowTheOtherValuesAreReported() {
    DataStatistics stats = DataProfiler.profile(PEOPLE, "class", "good");

    // income: 0 is 50 away from the smallest positive value; the positive values step by a median of 2.5
    assertThat(stats.qualityChecks())
        .extracting(QualityCheck::check, QualityCheck::feature)
        .containsExactlyInAnyOrder(
            tuple(DataStatistics.ZERO_VALUES, "income"),
            tuple(DataStatistics.MISSING_VALUES, "income"));
    assertThat(stats.qualityChecks()).anySatisfy(check ->
        assertThat(check.message()).contains("1 of 6 values are 0 while every other value is at least 50"));
  }

  @Test
  void zerosThatAreOneStepBelowTheOtherValuesAreRealCounts() {
    Table counts = Table.parse("children,class\n0,y\n1,n\n2,y\n0,n\n3,y\n");

    assertThat(DataProfiler.profile(counts, "class", "y").qualityChecks()).isEmpty();
  }

  @Test
  void majorityMoreThanTwiceTheMinorityIsAnImbalance() {
    Table skewed = Table.parse("x,class\n1,yes\n2,yes\n3,yes\n4,yes\n5,yes\n6,yes\n7,yes\n8,no\n9,no\n10,no\n");

    assertThat(DataProfiler.profile(skewed, "class", "yes").qualityChecks())
        .singleElement()
        .satisfies(check -> {
          assertThat(check.check()).isEqualTo(DataStatistics.CLASS_IMBALANCE);
          assertThat(check.message()).contains("class 'no' has 3 rows, 2.3 times fewer than class 'yes' (7)");
        });
  }

  private static Feature feature(DataStatistics stats, String name) {
    return stats.features().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }
}
