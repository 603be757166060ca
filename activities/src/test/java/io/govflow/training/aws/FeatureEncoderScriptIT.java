package io.govflow.training.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.govflow.common.Samples;
import io.govflow.evaluation.metrics.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encoder container's script, run by python3 as SageMaker's scikit-learn container runs it: the encoder's
 * {@code model.tar.gz} unpacked into a model directory, the script imported from its {@code code/} folder, and a
 * request's raw CSV rows passed through model_fn, input_fn, predict_fn and output_fn. What it answers must be, byte for
 * byte, what {@link FeatureEncoding} wrote for training, or XGBoost would score rows encoded otherwise than it learnt.
 */
class FeatureEncoderScriptIT {

  private static final String SERVE = """
      import sys, tarfile
      model_dir, request = sys.argv[1], sys.argv[2]
      with tarfile.open(model_dir + "/model.tar.gz") as archive:
          archive.extractall(model_dir)
      sys.path.insert(0, model_dir + "/code")
      import govflow_encoder as encoder
      model = encoder.model_fn(model_dir)
      try:
          with open(request, "rb") as body:
              answer, content_type = encoder.output_fn(
                  encoder.predict_fn(encoder.input_fn(body.read(), "text/csv"), model), "text/csv")
      except encoder.RowError as refused:
          sys.stdout.write("refused: " + str(refused))
          sys.exit(0)
      sys.stdout.write(content_type + "\\n" + answer)
      """;

  @TempDir
  Path modelDir;

  @Test
  void scriptEncodesEveryCreditRowExactlyAsTrainingDid() throws Exception {
    Table credit = Table.parse(Files.readAllBytes(Samples.path(Samples.CREDIT_G)));
    FeatureEncoding encoding = FeatureEncoding.fit(credit, "class", "good");

    String answer = serve(encoding, credit.without("class").toHeaderlessCsv());

    assertThat(answer).isEqualTo("text/csv\n" + new String(encoding.featuresCsv(credit), StandardCharsets.UTF_8));
  }

  @Test
  void missingValuesUnseenCategoriesAndQuotedTextAreEncodedAsTrainingEncodesThem() throws Exception {
    Table train = Table.parse("purpose,age,note,class\n"
        + "car,22,\"a, b\",good\n"
        + "radio,35,plain,bad\n"
        + "car,?,\"say \"\"hi\"\"\",good\n");
    Table rows = Table.parse("purpose,age,note\n"
        + "boat,,\"a, b\"\n"
        + "?,41,\"say \"\"hi\"\"\"\n"
        + "radio,19,\n");
    FeatureEncoding encoding = FeatureEncoding.fit(train, "class", "good");

    String answer = serve(encoding, rows.toHeaderlessCsv());

    assertThat(answer).isEqualTo("text/csv\n" + new String(encoding.featuresCsv(rows), StandardCharsets.UTF_8));
    assertThat(answer).isEqualTo("text/csv\n0,0,,1,0,0\n0,0,41,0,0,1\n0,1,19,0,0,0\n");
  }

  @Test
  void rowWithTheWrongNumberOfValuesIsRefusedNamingTheColumnsTheModelReads() throws Exception {
    FeatureEncoding encoding = FeatureEncoding.fit(Table.parse("purpose,age,class\ncar,22,good\nradio,35,bad\n"),
        "class", "good");

    String answer = serve(encoding, "car,22\nradio\n".getBytes(StandardCharsets.UTF_8));

    assertThat(answer).isEqualTo("refused: row 2 has 1 values; the model reads 2: purpose, age");
  }

  private String serve(FeatureEncoding encoding, byte[] request) throws IOException, InterruptedException {
    Files.write(modelDir.resolve("model.tar.gz"), InferencePipeline.encoderArtifact(encoding));
    Path body = Files.write(modelDir.resolve("request.csv"), request);
    Path script = Files.writeString(modelDir.resolve("serve.py"), SERVE);
    Process python = new ProcessBuilder("python3", script.toString(), modelDir.toString(), body.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as("python3 exit status").isZero();
    return out;
  }
}
