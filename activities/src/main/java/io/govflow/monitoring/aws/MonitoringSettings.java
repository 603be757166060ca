package io.govflow.monitoring.aws;

import io.govflow.common.GovflowConfig;
import io.govflow.common.aws.AwsClients;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

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

  /** The accounts that publish the analyzer, by region, as SageMaker's Python SDK lists them. */
  private static final Map<String, String> ANALYZER_ACCOUNTS = Map.ofEntries(
      Map.entry("us-east-1", "156813124566"), Map.entry("us-east-2", "777275614652"),
      Map.entry("us-west-1", "890145073186"), Map.entry("us-west-2", "159807026194"),
      Map.entry("ca-central-1", "536280801234"), Map.entry("sa-east-1", "539772159869"),
      Map.entry("eu-west-1", "468650794304"), Map.entry("eu-west-2", "749857270468"),
      Map.entry("eu-west-3", "680080141114"), Map.entry("eu-central-1", "048819808253"),
      Map.entry("eu-north-1", "895015795356"), Map.entry("me-south-1", "607024016150"),
      Map.entry("ap-south-1", "126357580389"), Map.entry("ap-east-1", "001633400207"),
      Map.entry("ap-northeast-1", "574779866223"), Map.entry("ap-northeast-2", "709848358524"),
      Map.entry("ap-southeast-1", "245545462676"), Map.entry("ap-southeast-2", "563025443158"),
      Map.entry("cn-north-1", "453000072557"), Map.entry("cn-northwest-1", "453252182341"));
  /** The analyzer in us-east-1 (after the accounts, which it is read from). */
  public static final String ANALYZER_US_EAST_1 = analyzerImage("us-east-1");
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

  /**
   * The analyzer of {@code govflow.aws.region}, the production environment's execution role ({@code roleArn}: the
   * jobs run in the production endpoint's account), and the processing jobs' instances, run time and polling
   * ({@code govflow.aws.processing.*}); hourly.
   */
  public static MonitoringSettings from(GovflowConfig.Aws aws, String roleArn) {
    GovflowConfig.Aws.Processing processing = aws.processing();
    return new MonitoringSettings(analyzerImage(AwsClients.required(aws.region(), "govflow.aws.region")),
        roleArn, processing.instanceType(), processing.instanceCount(), 20, processing.maxRuntime(), HOURLY,
        processing.pollInterval());
  }

  /** SageMaker's {@code sagemaker-model-monitor-analyzer} image in {@code region}. */
  public static String analyzerImage(String region) {
    String account = ANALYZER_ACCOUNTS.get(region);
    if (account == null) {
      throw new IllegalArgumentException("no Model Monitor analyzer image is known for region " + region
          + "; regions with one: " + new TreeSet<>(ANALYZER_ACCOUNTS.keySet()));
    }
    String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return account + ".dkr.ecr." + region + "." + domain + "/sagemaker-model-monitor-analyzer";
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
