package io.govflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govflow.evaluation.clarify.AnalysisConfig;
import io.govflow.evaluation.metrics.EvidenceJson;
import io.govflow.evaluation.metrics.ModelMonitorBaseline;
import io.govflow.evaluation.metrics.MonitorStatistics;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evaluation.metrics.TableFormatException;
import io.govflow.evidence.aws.S3ArtifactStore.S3Location;
import io.govflow.training.aws.FeatureEncoding;
import io.govflow.training.aws.InferencePipeline;
import io.govflow.training.local.LocalModel;
import io.govflow.training.local.RowEncoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

/**
 * The containers moto 5.2.5 does not run, played on the jobs' real inputs in moto's S3 when their create requests
 * pass {@link AwsFrontDoor}: what each container would write is written where SageMaker puts it, before the job's
 * first describe can see it Completed.
 * <ul>
 *   <li>SageMaker Clarify processing jobs (recognised by their image): the analysis_config.json and data set at the
 *       container's input paths become analysis.json at its output path, computed by govflow's own Clarify engine
 *       ({@link AnalysisConfig#analyse}, which matches smclarify's numbers).
 *   <li>Model Monitor's baselining jobs (recognised by the analyzer's image): the CSV at the path the job's
 *       {@code dataset_source} names becomes statistics.json and constraints.json at its {@code output_path},
 *       computed by govflow's own Model Monitor baseline ({@link ModelMonitorBaseline}). Other processing jobs are
 *       not played.
 *   <li>Built-in XGBoost training jobs: the train channel (headerless, label first as 1/0, numbers only) trains a
 *       real learner, Tribuo's logistic regression standing in for XGBoost's trees, and its model file
 *       ({@value #MODEL_FILE}, Tribuo's format: only this player reads it) goes in a model.tar.gz where
 *       DescribeTrainingJob's ModelArtifacts say.
 *   <li>Batch transforms and InvokeEndpoint: the SageMaker model named (by the job, or by the endpoint's
 *       configuration) is the registered inference pipeline ({@link InferencePipeline}): container 0 is govflow's
 *       encoder, whose model.tar.gz holds the {@link FeatureEncoding}, container 1 the XGBoost model. Each raw CSV
 *       row (the data set's features in its order, no label) is encoded as the encoder script would, then answered
 *       with the favourable label's probability, one line per row, as XGBoost's {@code binary:logistic} answers.
 * </ul>
 * What could not be played is recorded in {@link #failures()}: the job itself stays Completed without output, as on
 * moto, and the step reading it fails.
 */
public final class SageMakerJobPlayer {

  /** The model file inside the played training job's model.tar.gz. */
  public static final String MODEL_FILE = "xgboost-model";

  private static final String CLARIFY_IMAGE = "sagemaker-clarify-processing";
  private static final String CLARIFY_CONFIG_PATH = "/opt/ml/processing/input/config";
  private static final String CLARIFY_DATA_PATH = "/opt/ml/processing/input/data";
  private static final String CLARIFY_OUTPUT_PATH = "/opt/ml/processing/output";
  private static final String ANALYZER_IMAGE = "sagemaker-model-monitor-analyzer";
  private static final String LABEL = "label";
  private static final String FAVOURABLE = "1";
  /** XGBoost's default seed: the same channel trains the same model. */
  private static final long SEED = 0;

  private final SageMakerClient sageMaker;
  private final S3Client s3;
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> played = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  /** SageMaker never changes a model or an endpoint configuration once made, so both are looked up once. */
  private final Map<String, Pipeline> pipelines = new ConcurrentHashMap<>();
  private final Map<String, String> configModels = new ConcurrentHashMap<>();

  /** @param sageMaker and {@code s3}: clients of moto itself, unchecked and unrecorded */
  public SageMakerJobPlayer(SageMakerClient sageMaker, S3Client s3) {
    this.sageMaker = sageMaker;
    this.s3 = s3;
  }

  /** Plays the job a create request moto has just accepted started; other requests are left alone. */
  public void play(String operation, JsonNode request) {
    try {
      switch (operation) {
        case "CreateProcessingJob" -> process(request);
        case "CreateTrainingJob" -> train(request);
        case "CreateTransformJob" -> transform(request);
        default -> { }
      }
    } catch (RuntimeException e) {
      failures.add(operation + " " + request.path(operation.substring("Create".length()) + "Name").asText() + ": "
          + e);
    }
  }

  /** The jobs played, as {@code <Operation> <job name>}. */
  public List<String> played() {
    return List.copyOf(played);
  }

  /** The jobs that could not be played, and why. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  /**
   * InvokeEndpoint: the answer of the model the endpoint's configuration serves to one raw CSV row, or empty when
   * the row cannot be read as the data set's features (the container answers a ModelError).
   */
  public Optional<String> invoke(String endpointName, String body) {
    String config = sageMaker.describeEndpoint(b -> b.endpointName(endpointName)).endpointConfigName();
    String model = configModels.computeIfAbsent(config, name -> sageMaker.describeEndpointConfig(
        b -> b.endpointConfigName(name)).productionVariants().get(0).modelName());
    try {
      return Optional.of(pipeline(model).score(body).strip());
    } catch (TableFormatException | IllegalArgumentException refused) {
      return Optional.empty();
    }
  }

  /** A Clarify or Model Monitor analyzer job, told apart by its image; other processing jobs are not played. */
  private void process(JsonNode request) {
    String image = request.path("AppSpecification").path("ImageUri").asText();
    if (image.contains(CLARIFY_IMAGE)) {
      clarify(request);
    } else if (image.contains(ANALYZER_IMAGE)) {
      baseline(request);
    }
  }

  private void clarify(JsonNode request) {
    String config = inputAt(request, CLARIFY_CONFIG_PATH);
    String data = inputAt(request, CLARIFY_DATA_PATH);
    String output = outputAt(request, CLARIFY_OUTPUT_PATH);
    if (config == null || data == null || output == null) {
      throw new IllegalStateException("Clarify reads its configuration from " + CLARIFY_CONFIG_PATH + ", its data "
          + "from " + CLARIFY_DATA_PATH + " and writes to " + CLARIFY_OUTPUT_PATH + "; the job maps "
          + request.path("ProcessingInputs") + " and " + request.path("ProcessingOutputConfig"));
    }
    AnalysisConfig analysis = AnalysisConfig.parse(text(onlyObject(config, "analysis_config.json")));
    Table dataset = analysis.dataset(text(onlyObject(data, "")));
    put(output + "/analysis.json", EvidenceJson.write(analysis.analyse(dataset, null, null)));
    played.add("CreateProcessingJob " + request.path("ProcessingJobName").asText());
  }

  /**
   * The analyzer reads the CSV at the container path its environment's {@code dataset_source} names and writes
   * statistics.json and constraints.json to the one {@code output_path} names.
   */
  private void baseline(JsonNode request) {
    JsonNode environment = request.path("Environment");
    String data = inputAt(request, environment.path("dataset_source").asText());
    String output = outputAt(request, environment.path("output_path").asText());
    boolean header = readJson(environment.path("dataset_format").asText("{}")).path("csv").path("header")
        .asBoolean(false);
    if (data == null || output == null || !header) {
      throw new IllegalStateException("the analyzer baselines a CSV with a header (dataset_format) from the input "
          + "mapped to dataset_source and writes to the output mapped to output_path; the job has environment "
          + environment + ", inputs " + request.path("ProcessingInputs") + " and outputs "
          + request.path("ProcessingOutputConfig"));
    }
    MonitorStatistics statistics = ModelMonitorBaseline.statistics(new ByteArrayInputStream(onlyObject(data, "")));
    put(output + "/statistics.json", EvidenceJson.write(statistics));
    put(output + "/constraints.json", EvidenceJson.write(ModelMonitorBaseline.constraints(statistics)));
    played.add("CreateProcessingJob " + request.path("ProcessingJobName").asText());
  }

  /** Where in S3 the input a processing job mounts at {@code localPath} comes from, or null. */
  private static String inputAt(JsonNode request, String localPath) {
    for (JsonNode input : request.path("ProcessingInputs")) {
      if (localPath.equals(input.path("S3Input").path("LocalPath").asText())) {
        return input.path("S3Input").path("S3Uri").asText();
      }
    }
    return null;
  }

  /** Where in S3 what a processing job writes to {@code localPath} goes, or null. */
  private static String outputAt(JsonNode request, String localPath) {
    for (JsonNode out : request.path("ProcessingOutputConfig").path("Outputs")) {
      if (localPath.equals(out.path("S3Output").path("LocalPath").asText())) {
        return out.path("S3Output").path("S3Uri").asText();
      }
    }
    return null;
  }

  private void train(JsonNode request) {
    String name = request.path("TrainingJobName").asText();
    String channel = null;
    for (JsonNode input : request.path("InputDataConfig")) {
      if ("train".equals(input.path("ChannelName").asText())) {
        channel = input.path("DataSource").path("S3DataSource").path("S3Uri").asText();
      }
    }
    if (channel == null) {
      throw new IllegalStateException("built-in XGBoost needs a train channel; the job has "
          + request.path("InputDataConfig"));
    }
    Table rows = encodedTable(text(onlyObject(channel, "")), true);
    LocalModel model = LocalModel.train(rows, RowEncoding.of(rows, LABEL, FAVOURABLE), SEED);
    String artifact = sageMaker.describeTrainingJob(b -> b.trainingJobName(name)).modelArtifacts()
        .s3ModelArtifacts();
    put(artifact, tarGz(MODEL_FILE, model.toBytes()));
    played.add("CreateTrainingJob " + name);
  }

  private void transform(JsonNode request) {
    String name = request.path("TransformJobName").asText();
    Pipeline pipeline = pipeline(request.path("ModelName").asText());
    S3Location input = S3Location.parse(request.path("TransformInput").path("DataSource").path("S3DataSource")
        .path("S3Uri").asText());
    String output = request.path("TransformOutput").path("S3OutputPath").asText();
    List<S3Object> objects = objects(input);
    if (objects.isEmpty()) {
      throw new IllegalStateException("the transform's input " + input + " holds no object");
    }
    // SageMaker names each output after its input object's path below the input prefix.
    int nameStart = input.key().lastIndexOf('/') + 1;
    for (S3Object object : objects) {
      byte[] rows = s3.getObjectAsBytes(b -> b.bucket(input.bucket()).key(object.key())).asByteArray();
      put(output + "/" + object.key().substring(nameStart) + ".out",
          pipeline.score(new String(rows, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }
    played.add("CreateTransformJob " + name);
  }

  /** The encoder and model a SageMaker model serves, from its containers or the model package they name. */
  private Pipeline pipeline(String modelName) {
    return pipelines.computeIfAbsent(modelName, name -> {
      DescribeModelResponse model = sageMaker.describeModel(b -> b.modelName(name));
      List<ContainerDefinition> containers = model.hasContainers() && !model.containers().isEmpty()
          ? model.containers() : List.of(model.primaryContainer());
      List<String> artifacts = new ArrayList<>();
      for (ContainerDefinition container : containers) {
        if (container.modelPackageName() != null) {
          sageMaker.describeModelPackage(b -> b.modelPackageName(container.modelPackageName()))
              .inferenceSpecification().containers().stream()
              .map(ModelPackageContainerDefinition::modelDataUrl).forEach(artifacts::add);
        } else {
          artifacts.add(container.modelDataUrl());
        }
      }
      if (artifacts.size() != 2) {
        throw new IllegalStateException("model " + name + " serves " + artifacts.size() + " containers " + artifacts
            + ", not the inference pipeline of encoder and XGBoost model");
      }
      FeatureEncoding encoding = EvidenceJson.read(
          untar(object(artifacts.get(0)), InferencePipeline.ENCODING_FILE), FeatureEncoding.class);
      return new Pipeline(encoding, LocalModel.read(untar(object(artifacts.get(1)), MODEL_FILE)));
    });
  }

  /** The encoder container and the XGBoost container in turn. */
  private record Pipeline(FeatureEncoding encoding, LocalModel model) {

    /** One probability line per raw CSV row. */
    String score(String rawRows) {
      String header = encoding.features().stream().map(f -> quote(f.column())).collect(Collectors.joining(","));
      Table raw = Table.parse(header + "\n" + rawRows);
      Table encoded = encodedTable(new String(encoding.featuresCsv(raw), StandardCharsets.UTF_8), false);
      StringBuilder answer = new StringBuilder();
      for (int row = 0; row < encoded.rowCount(); row++) {
        answer.append(model.predict(encoded.row(row)).favourableProbability()).append('\n');
      }
      return answer.toString();
    }
  }

  /** Headerless numeric CSV (label first when {@code labelled}) as a table of columns label, f1, f2, ... */
  private static Table encodedTable(String csv, boolean labelled) {
    int width = csv.lines().findFirst().map(line -> line.split(",", -1).length).orElse(0);
    String header = IntStream.range(0, width)
        .mapToObj(c -> labelled && c == 0 ? LABEL : "f" + (labelled ? c : c + 1))
        .collect(Collectors.joining(","));
    return Table.parse(header + "\n" + csv);
  }

  private static String quote(String column) {
    return '"' + column.replace("\"", "\"\"") + '"';
  }

  private List<S3Object> objects(S3Location prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key())).contents().stream()
        .toList();
  }

  /**
   * The one object a container reads under an S3Prefix input (the one named {@code fileName} when it is given), as
   * SageMaker downloads the prefix into the container's path.
   */
  private byte[] onlyObject(String uri, String fileName) {
    S3Location prefix = S3Location.parse(uri);
    List<S3Object> objects = objects(prefix).stream().filter(o -> o.key().endsWith(fileName)).toList();
    if (objects.size() != 1) {
      throw new IllegalStateException(uri + " holds " + objects.size() + " objects "
          + (fileName.isEmpty() ? "" : "named " + fileName + " ") + "where the container reads one");
    }
    return s3.getObjectAsBytes(b -> b.bucket(prefix.bucket()).key(objects.get(0).key())).asByteArray();
  }

  private byte[] object(String uri) {
    S3Location object = S3Location.parse(uri);
    return s3.getObjectAsBytes(b -> b.bucket(object.bucket()).key(object.key())).asByteArray();
  }

  private void put(String uri, byte[] content) {
    S3Location object = S3Location.parse(uri);
    s3.putObject(b -> b.bucket(object.bucket()).key(object.key()), RequestBody.fromBytes(content));
  }

  private JsonNode readJson(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] tarGz(String fileName, byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      TarArchiveEntry entry = new TarArchiveEntry(fileName);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a model.tar.gz", e);
    }
    return bytes.toByteArray();
  }

  /** The file {@code fileName} (at any depth) of a model.tar.gz, as SageMaker unpacks it into /opt/ml/model. */
  static byte[] untar(byte[] tarGz, String fileName) {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GzipCompressorInputStream(new ByteArrayInputStream(tarGz)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        String path = entry.getName();
        if (entry.isFile() && (path.equals(fileName) || path.endsWith("/" + fileName))) {
          return tar.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a model.tar.gz", e);
    }
    throw new IllegalStateException("the model.tar.gz holds no " + fileName);
  }
}
