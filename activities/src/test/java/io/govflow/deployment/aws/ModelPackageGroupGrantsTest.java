package io.govflow.deployment.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.GetModelPackageGroupPolicyResponse;
import software.amazon.awssdk.services.sagemaker.model.PutModelPackageGroupPolicyRequest;

/** The policies moto's stand-in does not write: as IAM may give them back, reordered, or with one statement. */
@SuppressWarnings("unchecked")
class ModelPackageGroupGrantsTest {

  private static final String PACKAGE = "arn:aws:sagemaker:eu-west-1:123456789012:model-package/gf-uc-17/3";

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final ModelPackageGroupGrants grants = new ModelPackageGroupGrants(sageMaker);

  @Test
  void grantAlreadyThereWithValuesInAnotherOrderIsNotWrittenAgain() {
    policyIs("""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Sid": "GovflowDeploysTo444455556666",
          "Resource": ["arn:aws:sagemaker:eu-west-1:123456789012:model-package/gf-uc-17/*",
                       "arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/gf-uc-17"],
          "Action": ["sagemaker:ListModelPackages", "sagemaker:DescribeModelPackage",
                     "sagemaker:DescribeModelPackageGroup"],
          "Principal": {"AWS": ["arn:aws:iam::444455556666:root"]}}]}""");

    grants.grant(PACKAGE, "444455556666");

    verify(sageMaker, never()).putModelPackageGroupPolicy(any(Consumer.class));
  }

  @Test
  void singleStatementOfAnotherTeamBecomesAListBesideTheGrant() throws Exception {
    policyIs("""
        {"Version": "2012-10-17", "Statement": {"Sid": "AuditorsRead", "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, "Action": "sagemaker:DescribeModelPackageGroup",
          "Resource": "arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/gf-uc-17"}}""");

    grants.grant(PACKAGE, "444455556666");

    JsonNode written = written();
    assertThat(written.get("Version").asText()).isEqualTo("2012-10-17");
    assertThat(written.get("Statement")).extracting(s -> s.get("Sid").asText())
        .containsExactly("AuditorsRead", "GovflowDeploysTo444455556666");
    assertThat(written.get("Statement").get(1).get("Resource")).extracting(JsonNode::asText).containsExactly(
        "arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/gf-uc-17",
        "arn:aws:sagemaker:eu-west-1:123456789012:model-package/gf-uc-17/*");
  }

  @Test
  void accountOfThePackageItselfIsNotGranted() {
    grants.grant(PACKAGE, "123456789012");

    verifyNoInteractions(sageMaker);
  }

  private void policyIs(String policy) {
    when(sageMaker.getModelPackageGroupPolicy(any(Consumer.class)))
        .thenReturn(GetModelPackageGroupPolicyResponse.builder().resourcePolicy(policy).build());
  }

  private JsonNode written() throws Exception {
    ArgumentCaptor<Consumer<PutModelPackageGroupPolicyRequest.Builder>> put = ArgumentCaptor.forClass(Consumer.class);
    verify(sageMaker).putModelPackageGroupPolicy(put.capture());
    PutModelPackageGroupPolicyRequest.Builder request = PutModelPackageGroupPolicyRequest.builder();
    put.getValue().accept(request);
    assertThat(request.build().modelPackageGroupName()).isEqualTo("gf-uc-17");
    return new ObjectMapper().readTree(request.build().resourcePolicy());
  }
}
