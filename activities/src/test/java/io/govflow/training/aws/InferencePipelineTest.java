package io.govflow.training.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

class InferencePipelineTest {

  private static final FeatureEncoding ENCODING = FeatureEncoding.fit(
      Table.parse("purpose,age,class\ncar,22,good\nradio,35,bad\n"), "class", "good");
  private static final AwsSettings SETTINGS = AwsSettings.xgboost(AwsSettings.XGBOOST_US_EAST_1,
      "arn:aws:iam::1:role/r", "s3://b/out");

  @Test
  void encoderArtifactHoldsTheEncodingAndTheScriptWhereTheContainerLooks() throws IOException {
    Map<String, byte[]> entries = entries(InferencePipeline.encoderArtifact(ENCODING));

    assertThat(entries).containsOnlyKeys("feature-encoding.json", "code/govflow_encoder.py");
    assertThat(EvidenceJson.read(entries.get("feature-encoding.json"), FeatureEncoding.class)).isEqualTo(ENCODING);
    assertThat(entries.get("code/govflow_encoder.py")).isEqualTo(InferencePipeline.script());
  }

  @Test
  void encoderArtifactIsTheSameBytesEveryTimeSoARetryWritesNothingNew() {
    assertThat(InferencePipeline.encoderArtifact(ENCODING)).isEqualTo(InferencePipeline.encoderArtifact(ENCODING));
  }

  @Test
  void packageServesTheEncoderFirstAndTheTrainedModelSecond() {
    List<ModelPackageContainerDefinition> containers =
        InferencePipeline.containers(SETTINGS, "s3://b/encoder/model.tar.gz", "s3://b/out/job/model.tar.gz");

    assertThat(containers).extracting(ModelPackageContainerDefinition::image)
        .containsExactly(AwsSettings.SKLEARN_US_EAST_1, AwsSettings.XGBOOST_US_EAST_1);
    assertThat(containers.get(0).environment()).containsEntry("SAGEMAKER_PROGRAM", "govflow_encoder.py")
        .containsEntry("SAGEMAKER_SUBMIT_DIRECTORY", "/opt/ml/model/code")
        .containsEntry("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT", "text/csv");
    assertThat(InferencePipeline.modelArtifact(containers)).isEqualTo("s3://b/out/job/model.tar.gz");
  }

  private static Map<String, byte[]> entries(byte[] archive) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        entries.put(entry.getName(), tar.readAllBytes());
      }
    }
    return entries;
  }
}
