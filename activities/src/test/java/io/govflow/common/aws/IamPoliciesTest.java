package io.govflow.common.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The policies in {@code deploy/aws/} against the calls the aws code makes. {@link #WORKER_CALLS} and
 * {@link #API_CALLS} are kept by hand, one row per SDK call of the aws activities, the S3 artifact store and the API's
 * ground-truth uploads, with the resource it acts on for a use case {@code uc-17}; {@link #LATER_STEPS} names what the worker policy grants ahead of the steps whose AWS implementation
 * is not in this code yet. Conditions are not evaluated; placeholders are filled with sample values.
 */
class IamPoliciesTest {

  private static final Map<String, String> PLACEHOLDERS = Map.of(
      "${Region}", "eu-west-1",
      "${AccountId}", "123456789012",
      "${Bucket}", "bank-ml-artifacts",
      "${Prefix}", "govflow/",
      "${DataBucket}", "bank-ml-data",
      "${DomainId}", "dzd_4p9x",
      "${SageMakerExecutionRoleArn}", "arn:aws:iam::123456789012:role/govflow-sagemaker",
      "${WorkerRoleArn}", "arn:aws:iam::123456789012:role/govflow-worker",
      "${ImageAccountId}", "123456789012",
      "${ImageRepository}", "govflow-training");

  private static final String SM = "arn:aws:sagemaker:eu-west-1:123456789012:";
  private static final String GROUP = SM + "model-package-group/gf-uc-17";
  private static final String CARD = SM + "model-card/gf-uc-17-v1";
  private static final String PACKAGE = SM + "model-package/gf-uc-17/1";
  private static final String JOB = SM + "training-job/gf-uc-17-v1-train";
  private static final String EXECUTION_ROLE = "arn:aws:iam::123456789012:role/govflow-sagemaker";
  private static final String MODEL = SM + "model/gf-uc-17-v1-model";
  private static final String ENDPOINT_CONFIG = SM + "endpoint-config/gf-uc-17-v1-test-config";
  private static final String ENDPOINT = SM + "endpoint/gf-uc-17-test";
  private static final String BASELINE_JOB = SM + "processing-job/gf-uc-17-v1-baseline";
  private static final String DATA_QUALITY = SM + "data-quality-job-definition/gf-uc-17-v1-data-quality";
  private static final String MODEL_QUALITY = SM + "model-quality-job-definition/gf-uc-17-v1-model-quality";
  private static final String SCHEDULE = SM + "monitoring-schedule/gf-uc-17-prod-data-quality";
  private static final String DOMAIN = "arn:aws:datazone:eu-west-1:123456789012:domain/dzd_4p9x";
  private static final String ARTIFACT =
      "arn:aws:s3:::bank-ml-artifacts/govflow/use-cases/uc-17/uc-17-v1/model-card.json";

  /** A call the code makes: the IAM action it needs on a resource. */
  record Call(String operation, String action, String resource) {}

  static final List<Call> WORKER_CALLS = List.of(
      new Call("DescribeModelPackageGroup", "sagemaker:DescribeModelPackageGroup", GROUP),
      new Call("CreateModelPackageGroup", "sagemaker:CreateModelPackageGroup", GROUP),
      new Call("CreateModelPackageGroup (tags)", "sagemaker:AddTags", GROUP),
      new Call("ListTags", "sagemaker:ListTags", GROUP),
      new Call("AddTags", "sagemaker:AddTags", GROUP),
      new Call("DescribeModelCard", "sagemaker:DescribeModelCard", CARD),
      new Call("UpdateModelCard (sign-off, archive)", "sagemaker:UpdateModelCard", CARD),
      new Call("UpdateModelPackage (sign-off)", "sagemaker:UpdateModelPackage", PACKAGE),
      new Call("DescribeTransformJob", "sagemaker:DescribeTransformJob",
          SM + "transform-job/gf-uc-17-v1-transform"),
      new Call("CreateTransformJob", "sagemaker:CreateTransformJob", SM + "transform-job/gf-uc-17-v1-transform"),
      new Call("CreateTransformJob (tags)", "sagemaker:AddTags", SM + "transform-job/gf-uc-17-v1-transform"),
      new Call("CreateModelCard", "sagemaker:CreateModelCard", CARD),
      new Call("CreateModelCard (tags)", "sagemaker:AddTags", CARD),
      new Call("DescribeTrainingJob", "sagemaker:DescribeTrainingJob", JOB),
      new Call("CreateTrainingJob", "sagemaker:CreateTrainingJob", JOB),
      new Call("CreateTrainingJob (tags)", "sagemaker:AddTags", JOB),
      new Call("CreateTrainingJob (RoleArn)", "iam:PassRole", "arn:aws:iam::123456789012:role/govflow-sagemaker"),
      new Call("ListModelPackages", "sagemaker:ListModelPackages", "*"),
      new Call("DescribeModelPackage", "sagemaker:DescribeModelPackage", PACKAGE),
      new Call("CreateModelPackage", "sagemaker:CreateModelPackage", PACKAGE),
      new Call("DescribeModel", "sagemaker:DescribeModel", MODEL),
      new Call("CreateModel", "sagemaker:CreateModel", MODEL),
      new Call("CreateModel (tags)", "sagemaker:AddTags", MODEL),
      new Call("CreateModel (ExecutionRoleArn)", "iam:PassRole", EXECUTION_ROLE),
      new Call("DescribeEndpointConfig", "sagemaker:DescribeEndpointConfig", ENDPOINT_CONFIG),
      new Call("CreateEndpointConfig", "sagemaker:CreateEndpointConfig", ENDPOINT_CONFIG),
      new Call("CreateEndpointConfig (tags)", "sagemaker:AddTags", ENDPOINT_CONFIG),
      new Call("DescribeEndpoint", "sagemaker:DescribeEndpoint", ENDPOINT),
      new Call("CreateEndpoint", "sagemaker:CreateEndpoint", ENDPOINT),
      new Call("CreateEndpoint (tags)", "sagemaker:AddTags", ENDPOINT),
      new Call("UpdateEndpoint", "sagemaker:UpdateEndpoint", ENDPOINT),
      new Call("DeleteEndpoint", "sagemaker:DeleteEndpoint", ENDPOINT),
      new Call("InvokeEndpoint", "sagemaker:InvokeEndpoint", ENDPOINT),
      new Call("DescribeProcessingJob", "sagemaker:DescribeProcessingJob", BASELINE_JOB),
      new Call("CreateProcessingJob", "sagemaker:CreateProcessingJob", BASELINE_JOB),
      new Call("CreateProcessingJob (tags)", "sagemaker:AddTags", BASELINE_JOB),
      new Call("CreateProcessingJob, Create*JobDefinition (RoleArn)", "iam:PassRole", EXECUTION_ROLE),
      new Call("DescribeProcessingJob (of a monitoring execution, named by SageMaker)",
          "sagemaker:DescribeProcessingJob", SM + "processing-job/model-monitoring-202611231000-0a1b2c3d"),
      new Call("DescribeDataQualityJobDefinition", "sagemaker:DescribeDataQualityJobDefinition", DATA_QUALITY),
      new Call("CreateDataQualityJobDefinition", "sagemaker:CreateDataQualityJobDefinition", DATA_QUALITY),
      new Call("CreateDataQualityJobDefinition (tags)", "sagemaker:AddTags", DATA_QUALITY),
      new Call("DescribeModelQualityJobDefinition", "sagemaker:DescribeModelQualityJobDefinition", MODEL_QUALITY),
      new Call("CreateModelQualityJobDefinition", "sagemaker:CreateModelQualityJobDefinition", MODEL_QUALITY),
      new Call("CreateModelQualityJobDefinition (tags)", "sagemaker:AddTags", MODEL_QUALITY),
      new Call("DescribeMonitoringSchedule", "sagemaker:DescribeMonitoringSchedule", SCHEDULE),
      new Call("CreateMonitoringSchedule", "sagemaker:CreateMonitoringSchedule", SCHEDULE),
      new Call("CreateMonitoringSchedule (tags)", "sagemaker:AddTags", SCHEDULE),
      new Call("UpdateMonitoringSchedule", "sagemaker:UpdateMonitoringSchedule", SCHEDULE),
      new Call("DeleteMonitoringSchedule", "sagemaker:DeleteMonitoringSchedule", SCHEDULE),
      new Call("ListMonitoringSchedules", "sagemaker:ListMonitoringSchedules", "*"),
      new Call("ListMonitoringExecutions", "sagemaker:ListMonitoringExecutions", "*"),
      new Call("ListProjects", "datazone:ListProjects", DOMAIN),
      new Call("CreateProject", "datazone:CreateProject", DOMAIN),
      new Call("GetProject", "datazone:GetProject", DOMAIN),
      new Call("CreateProjectMembership", "datazone:CreateProjectMembership", DOMAIN),
      new Call("Search", "datazone:Search", DOMAIN),
      new Call("CreateAsset", "datazone:CreateAsset", DOMAIN),
      new Call("PutObject", "s3:PutObject", ARTIFACT),
      new Call("GetObject", "s3:GetObject", ARTIFACT),
      new Call("HeadObject", "s3:GetObject", ARTIFACT),
      new Call("HeadObject (missing key: 404, not 403)", "s3:ListBucket", "arn:aws:s3:::bank-ml-artifacts"),
      new Call("GetObject (dataset)", "s3:GetObject", "arn:aws:s3:::bank-ml-data/credit/credit-g.csv"));

  private static final String GROUND_TRUTH = "arn:aws:s3:::bank-ml-artifacts/govflow/ground-truth/uc-17/";

  /**
   * The API's calls: evidence served through the artifact store, ground truth recorded where Model Monitor reads it
   * ({@code GroundTruthStore} on {@code S3ArtifactStore}).
   */
  static final List<Call> API_CALLS = List.of(
      new Call("GetObject (evidence)", "s3:GetObject", ARTIFACT),
      new Call("HeadObject (receipt of an upload)", "s3:GetObject", GROUND_TRUTH + "uploads/key-1.json"),
      new Call("GetObject (receipt, labels)", "s3:GetObject", GROUND_TRUTH + "2026/03/01/10/key-1.jsonl"),
      new Call("PutObject (labels)", "s3:PutObject", GROUND_TRUTH + "2026/03/01/10/key-1.jsonl"),
      new Call("PutObject (receipt)", "s3:PutObject", GROUND_TRUTH + "uploads/key-1.json"),
      new Call("ListObjectsV2 (an hour's uploads); HeadObject of a missing key: 404, not 403", "s3:ListBucket",
          "arn:aws:s3:::bank-ml-artifacts"));

  /**
   * Granted though no step calls them: deleting models and endpoint configurations, for an operator cleaning up after
   * a retirement (undeploying keeps them as evidence).
   */
  static final Set<String> LATER_STEPS = Set.of("sagemaker:DeleteModel", "sagemaker:DeleteEndpointConfig");

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void workerPolicyAllowsEveryCallTheAwsCodeMakes() throws IOException {
    JsonNode policy = policy("worker-policy.json");

    assertThat(WORKER_CALLS).allSatisfy(call -> assertThat(allows(policy, call.action(), call.resource()))
        .as("%s needs %s on %s", call.operation(), call.action(), call.resource()).isTrue());
  }

  @Test
  void workerPolicyGrantsNothingBeyondTheCallsAndTheLaterSteps() throws IOException {
    Set<String> needed = new TreeSet<>(LATER_STEPS);
    WORKER_CALLS.forEach(call -> needed.add(call.action()));

    assertThat(actions(policy("worker-policy.json"))).isSubsetOf(needed);
  }

  @Test
  void workerReachesOnlyGovflowsOwnResources() throws IOException {
    JsonNode policy = policy("worker-policy.json");

    assertThat(allows(policy, "sagemaker:CreateTrainingJob", SM + "training-job/someone-elses-job")).isFalse();
    assertThat(allows(policy, "sagemaker:CreateModelPackageGroup", SM + "model-package-group/fraud")).isFalse();
    assertThat(allows(policy, "s3:PutObject", "arn:aws:s3:::bank-ml-artifacts/other-team/x")).isFalse();
    assertThat(allows(policy, "s3:PutObject", "arn:aws:s3:::bank-ml-data/credit/credit-g.csv")).isFalse();
    assertThat(allows(policy, "datazone:CreateProject", "arn:aws:datazone:eu-west-1:123456789012:domain/dzd_other"))
        .isFalse();
    assertThat(allows(policy, "iam:PassRole", "arn:aws:iam::123456789012:role/Admin")).isFalse();
  }

  @Test
  void sageMakerExecutionRoleReadsAndWritesThePrefixPullsTheImageAndLogs() throws IOException {
    JsonNode policy = policy("sagemaker-execution-policy.json");

    assertThat(allows(policy, "s3:GetObject", "arn:aws:s3:::bank-ml-artifacts/govflow/use-cases/uc-17/uc-17-v1/"
        + "training/gf-uc-17-v1-train/train.csv")).isTrue();
    assertThat(allows(policy, "s3:PutObject", "arn:aws:s3:::bank-ml-artifacts/govflow/training-jobs/"
        + "gf-uc-17-v1-train/output/model.tar.gz")).isTrue();
    assertThat(allows(policy, "ecr:BatchGetImage", "arn:aws:ecr:eu-west-1:123456789012:repository/govflow-training"))
        .isTrue();
    assertThat(allows(policy, "logs:PutLogEvents", "arn:aws:logs:eu-west-1:123456789012:log-group:"
        + "/aws/sagemaker/TrainingJobs:log-stream:gf-uc-17-v1-train/algo-1")).isTrue();
    assertThat(allows(policy, "s3:PutObject", "arn:aws:s3:::bank-ml-artifacts/other-team/x")).isFalse();
    assertThat(actions(policy)).noneMatch(action -> action.startsWith("sagemaker:") || action.startsWith("iam:"));
  }

  @Test
  void apiPolicyAllowsEveryCallTheApiMakes() throws IOException {
    JsonNode policy = policy("api-policy.json");

    assertThat(API_CALLS).allSatisfy(call -> assertThat(allows(policy, call.action(), call.resource()))
        .as("%s needs %s on %s", call.operation(), call.action(), call.resource()).isTrue());
  }

  @Test
  void apiReadsEvidenceAndWritesOnlyGroundTruth() throws IOException {
    JsonNode policy = policy("api-policy.json");

    assertThat(actions(policy)).containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject", "s3:ListBucket");
    assertThat(allows(policy, "s3:PutObject", ARTIFACT)).as("evidence is the worker's to write").isFalse();
    assertThat(allows(policy, "s3:PutObject", "arn:aws:s3:::bank-ml-artifacts/govflow/monitoring/uc-17/x")).isFalse();
    assertThat(allows(policy, "s3:GetObject", "arn:aws:s3:::bank-ml-artifacts/other-team/x")).isFalse();
    assertThat(allows(policy, "s3:PutObject", "arn:aws:s3:::bank-ml-data/credit/credit-g.csv")).isFalse();
  }

  @Test
  void noPolicyGrantsAWildcardAction() throws IOException {
    for (String file : List.of("worker-policy.json", "worker-assume-role-policy.json",
        "sagemaker-execution-policy.json", "api-policy.json")) {
      assertThat(actions(policy(file))).as(file).noneMatch(action -> action.contains("*"));
    }
  }

  private JsonNode policy(String file) throws IOException {
    String text = Files.readString(ServerProcess.repoRoot().resolve(Path.of("deploy", "aws", file)));
    for (Map.Entry<String, String> placeholder : PLACEHOLDERS.entrySet()) {
      text = text.replace(placeholder.getKey(), placeholder.getValue());
    }
    assertThat(text).as(file + " has a placeholder without a sample value").doesNotContain("${");
    return json.readTree(text);
  }

  private static boolean allows(JsonNode policy, String action, String resource) {
    for (JsonNode statement : policy.path("Statement")) {
      if ("Allow".equals(statement.path("Effect").asText())
          && values(statement.path("Action")).stream().anyMatch(a -> glob(a, true).matcher(action).matches())
          && values(statement.path("Resource")).stream().anyMatch(r -> glob(r, false).matcher(resource).matches())) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> actions(JsonNode policy) {
    Set<String> actions = new TreeSet<>();
    policy.path("Statement").forEach(statement -> actions.addAll(values(statement.path("Action"))));
    return actions;
  }

  private static List<String> values(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.asText()));
    } else if (node.isTextual()) {
      values.add(node.asText());
    }
    return values;
  }

  /** IAM's wildcards: {@code *} any run of characters, {@code ?} one; action names match case-insensitively. */
  private static Pattern glob(String pattern, boolean action) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), action ? Pattern.CASE_INSENSITIVE : 0);
  }
}
