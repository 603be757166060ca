package io.govflow.deployment.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.common.GovflowDataConverter;
import io.govflow.common.aws.AwsErrors;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Lets an environment's account create models from the model packages of a group in the worker's account. SageMaker
 * resolves another account's model package only when the package's group has a resource policy granting the calling
 * account (besides that account's own IAM policy allowing it): one statement per account, {@value #SID_PREFIX}
 * followed by the account id, allows that account to describe the group and to describe and list its packages. The
 * statement is merged into the group's policy: statements of others stay as they are, and a policy already holding
 * the statement is not written again, so a retry changes nothing.
 */
public class ModelPackageGroupGrants {

  /** The Sid of govflow's statement for an account, before the account's id. */
  public static final String SID_PREFIX = "GovflowDeploysTo";
  /** What SageMaker reads of a package in another account when it creates a model from it. */
  static final List<String> ACTIONS = List.of("sagemaker:DescribeModelPackage", "sagemaker:DescribeModelPackageGroup",
      "sagemaker:ListModelPackages");

  private final SageMakerClient sageMaker;
  private final ObjectMapper json = GovflowDataConverter.objectMapper();

  /** {@code sageMaker} signs in the group's account. */
  public ModelPackageGroupGrants(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
  }

  /** Grants {@code account} the group of {@code modelPackageArn}, unless the package is in that account already. */
  public void grant(String modelPackageArn, String account) {
    Arn modelPackage = Arn.fromString(modelPackageArn);
    if (modelPackage.accountId().filter(account::equals).isPresent()) {
      return;
    }
    // arn:<partition>:sagemaker:<region>:<account>:model-package/<group>/<version>
    String group = modelPackage.resourceAsString().split("/")[1];
    String groupArn = modelPackage.toBuilder().resource("model-package-group/" + group).build().toString();
    String packagesArn = modelPackage.toBuilder().resource("model-package/" + group + "/*").build().toString();
    ObjectNode wanted = statement(account, groupArn, packagesArn);
    try {
      ObjectNode policy = policy(group);
      ArrayNode statements = statements(policy);
      for (Iterator<JsonNode> it = statements.elements(); it.hasNext(); ) {
        JsonNode statement = it.next();
        if (wanted.get("Sid").equals(statement.get("Sid"))) {
          if (normalised(statement).equals(normalised(wanted))) {
            return;
          }
          it.remove();
        }
      }
      statements.add(wanted);
      String document = json.writeValueAsString(policy);
      sageMaker.putModelPackageGroupPolicy(b -> b.modelPackageGroupName(group).resourcePolicy(document));
    } catch (AwsServiceException e) {
      throw AwsErrors.failure(e, "granting account " + account + " the model packages of group " + group);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the resource policy of model package group " + group, e);
    }
  }

  private ObjectNode statement(String account, String groupArn, String packagesArn) {
    ObjectNode statement = json.createObjectNode().put("Sid", SID_PREFIX + account).put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", "arn:" + Arn.fromString(groupArn).partition() + ":iam::" + account
        + ":root");
    ArrayNode actions = statement.putArray("Action");
    ACTIONS.forEach(actions::add);
    statement.putArray("Resource").add(groupArn).add(packagesArn);
    return statement;
  }

  /** The group's policy, or an empty one when it has none. */
  private ObjectNode policy(String group) throws IOException {
    Optional<String> existing;
    try {
      existing = Optional.of(sageMaker.getModelPackageGroupPolicy(b -> b.modelPackageGroupName(group))
          .resourcePolicy());
    } catch (AwsServiceException e) {
      if (!AwsErrors.isNotFound(e)) {
        throw e;
      }
      existing = Optional.empty();
    }
    if (existing.isEmpty() || existing.get().isBlank()) {
      return json.createObjectNode().put("Version", "2012-10-17");
    }
    JsonNode read = json.readTree(existing.get());
    if (!read.isObject()) {
      throw new IOException("the policy of model package group " + group + " is not a JSON object");
    }
    return (ObjectNode) read;
  }

  /** The policy's statements as an array, which IAM also accepts as a single statement. */
  private static ArrayNode statements(ObjectNode policy) {
    JsonNode statements = policy.get("Statement");
    if (statements != null && statements.isArray()) {
      return (ArrayNode) statements;
    }
    ArrayNode array = policy.putArray("Statement");
    if (statements != null && !statements.isNull()) {
      array.add(statements);
    }
    return array;
  }

  /**
   * A statement as IAM reads it: the order of keys and of values in a list does not matter, and one value means the
   * same as a list of it.
   */
  private static Object normalised(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> fields = new TreeMap<>();
      node.fields().forEachRemaining(field -> fields.put(field.getKey(), normalised(field.getValue())));
      return fields;
    }
    Set<String> values = new TreeSet<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.isTextual() ? value.asText() : value.toString()));
    } else {
      values.add(node.isTextual() ? node.asText() : node.toString());
    }
    return values;
  }
}
