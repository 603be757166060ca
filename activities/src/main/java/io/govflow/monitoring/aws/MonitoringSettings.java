package io.govflow.monitoring.aws;

import java.time.Duration;

/**
 * How steps 12 and 13 run on SageMaker Model Monitor: the analyzer image (SageMaker's
 * {@code sagemaker-model-monitor-analyzer}, published per region), the IAM role and instances its baselining and
 * monitoring jobs run with, how long one may run, how often the schedules start one, and how often the activities
 * poll a job they wait for.
 */
public record MonitoringSettings(
    String analyzerImage,
    String roleArn,
    String instanceType,
    int instanceCount,
    int volumeSizeGb,
    Duration maxRuntime,
    String scheduleExpression,
    Duration pollInterval) {

  /** The analyzer in us-east-1; other regions publish it under their own account (see SageMaker's ECR paths). */
  public static final String ANALYZER_US_EAST_1 =
      "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer";
  /** At the start of every hour, each job reading the hour before. */
  public static final String HOURLY = "cron(0 * ? * * *)";

  public MonitoringSettings {
    require(analyzerImage, "analyzerImage");
    require(roleArn, "roleArn");
    require(instanceType, "instanceType");
    require(scheduleExpression, "scheduleExpression");
    if (instanceCount < 1 || volumeSizeGb < 1) {
      throw new IllegalArgumentException("aws monitoring settings instanceCount and volumeSizeGb must be at least 1");
    }
    // An hourly schedule refuses jobs that may outlast the hour.
    if (maxRuntime == null || maxRuntime.isZero() || maxRuntime.isNegative()
        || maxRuntime.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("aws monitoring setting maxRuntime must be between one second and an hour");
    }
    if (pollInterval == null || pollInterval.isNegative()) {
      throw new IllegalArgumentException("aws monitoring setting pollInterval must be zero or more");
    }
  }

  /** One ml.m5.xlarge with 20 GB per job, at most 30 minutes, hourly, polled every 30 seconds. */
  public static MonitoringSettings defaults(String analyzerImage, String roleArn) {
    return new MonitoringSettings(analyzerImage, roleArn, "ml.m5.xlarge", 1, 20, Duration.ofMinutes(30), HOURLY,
        Duration.ofSeconds(30));
  }

  /** The same settings polling at another interval; tests poll without pause. */
  public MonitoringSettings withPollInterval(Duration interval) {
    return new MonitoringSettings(analyzerImage, roleArn, instanceType, instanceCount, volumeSizeGb, maxRuntime,
        scheduleExpression, interval);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("aws monitoring setting " + name + " is required");
    }
  }
}
