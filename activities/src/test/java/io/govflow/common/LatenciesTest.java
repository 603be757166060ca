package io.govflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentileIsTheNearestRank() {
    double[] latencies = {9, 1, 8, 2, 7, 3, 6, 4, 5, 10};

    assertThat(Latencies.percentile(latencies, 0.50)).isEqualTo(5);
    assertThat(Latencies.percentile(latencies, 0.99)).isEqualTo(10);
    assertThat(Latencies.percentile(new double[0], 0.99)).isNaN();
  }
}
