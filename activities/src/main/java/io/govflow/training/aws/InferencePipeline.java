package io.govflow.training.aws;

import io.govflow.evaluation.metrics.EvidenceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

/**
 * A model version as SageMaker serves it: an inference pipeline of two containers registered on its model package.
 * Callers, batch transforms and data capture see the use case's rows as they are (headerless CSV of the dataset's
 * columns but the label, in the dataset's order), while built-in XGBoost reads numbers only. The first container,
 * SageMaker's scikit-learn image running {@value #SCRIPT}, encodes each row by the model version's
 * {@link FeatureEncoding}; the second is the trained model. Since both are on the package, every SageMaker model made
 * from it (step 6's batch transform, the endpoints of steps 9 and 12) answers raw rows, and Model Monitor's baseline of
 * the raw training split describes what the endpoint captures.
 *
 * <p>The encoder's artifact is one {@code model.tar.gz} holding {@value #ENCODING_FILE} and {@code code/}{@value
 * #SCRIPT}. SageMaker unpacks it into {@code /opt/ml/model}, where the container finds the script through
 * {@code SAGEMAKER_SUBMIT_DIRECTORY} and {@code SAGEMAKER_PROGRAM}, the layout the SageMaker Python SDK gives a
 * repacked model. The archive has fixed timestamps and order, so a retried training attempt writes the same bytes.
 */
public final class InferencePipeline {

  /** The encoder script, a resource beside this class. */
  public static final String SCRIPT = "govflow_encoder.py";
  public static final String ENCODING_FILE = "feature-encoding.json";
  /** Where SageMaker unpacks a container's model artifact. */
  static final String MODEL_DIR = "/opt/ml/model";
  private static final String CODE_DIR = "code";
  private static final String CSV = "text/csv";

  private InferencePipeline() {}

  /** The encoder container's {@code model.tar.gz}: the encoding and the script that applies it. */
  public static byte[] encoderArtifact(FeatureEncoding encoding) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      add(tar, ENCODING_FILE, EvidenceJson.write(encoding));
      add(tar, CODE_DIR + "/" + SCRIPT, script());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot archive the feature encoder", e);
    }
    return bytes.toByteArray();
  }

  /** The package's containers: the encoder with its artifact, then the trained model. */
  static List<ModelPackageContainerDefinition> containers(AwsSettings settings, String encoderArtifact,
      String modelArtifact) {
    return List.of(
        ModelPackageContainerDefinition.builder().image(settings.encoderImage()).modelDataUrl(encoderArtifact)
            .environment(Map.of(
                "SAGEMAKER_PROGRAM", SCRIPT,
                "SAGEMAKER_SUBMIT_DIRECTORY", MODEL_DIR + "/" + CODE_DIR,
                // What the encoder answers is the next container's request, which reads CSV.
                "SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT", CSV))
            .build(),
        ModelPackageContainerDefinition.builder().image(settings.trainingImage()).modelDataUrl(modelArtifact).build());
  }

  /** Where the trained model of a package registered with {@link #containers} is: its last container's artifact. */
  static String modelArtifact(List<ModelPackageContainerDefinition> containers) {
    return containers.get(containers.size() - 1).modelDataUrl();
  }

  static byte[] script() {
    try (InputStream script = InferencePipeline.class.getResourceAsStream(SCRIPT)) {
      if (script == null) {
        throw new IllegalStateException(SCRIPT + " is missing beside " + InferencePipeline.class.getName());
      }
      return script.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCRIPT, e);
    }
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    // Fixed owner, time and mode: by default an entry names the user and time of the process that writes it.
    entry.setModTime(0);
    entry.setMode(0644);
    entry.setUserName("");
    entry.setGroupName("");
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
