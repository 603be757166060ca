package io.govflow.training.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.govflow.common.DataProblem;
import io.govflow.common.GovflowDataConverter;
import io.govflow.evaluation.metrics.Table;
import io.govflow.evidence.ArtifactNotFoundException;
import io.govflow.evidence.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;

/**
 * A trained local model: a Tribuo logistic regression behind standardisation of its numeric features, with the
 * {@link RowEncoding} it was trained with. The file is Tribuo's protobuf model format; the encoding travels inside
 * it as instance provenance, so one file is all a later endpoint needs to score a CSV row.
 */
public final class LocalModel {

  /** Logistic regression as Tribuo's {@code LogisticRegressionTrainer} sets it up, with more epochs and our seed. */
  static final String ALGORITHM = "logistic regression (Tribuo LinearSGDTrainer, LogMulticlass, AdaGrad 1.0, "
      + "10 epochs) on standardised numeric and one-hot categorical features";

  private static final int EPOCHS = 10;
  private static final int NO_LOGGING = -1;
  private static final int MINIBATCH = 1;
  private static final String ENCODING = "govflow.row-encoding";
  private static final ObjectMapper JSON = GovflowDataConverter.objectMapper();

  private final Model<Label> model;
  private final RowEncoding encoding;

  private LocalModel(Model<Label> model, RowEncoding encoding) {
    this.model = model;
    this.encoding = encoding;
  }

  /**
   * Trains on the rows of {@code table} that have a label. The seed fixes the learner's shuffling, so the same rows
   * and seed give the same model. Numeric columns that never vary over the rows are left out of the encoding.
   */
  public static LocalModel train(Table table, RowEncoding columns, long seed) {
    RowEncoding encoding = columns.fittedTo(table);
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> dataset = new MutableDataset<>(
        new SimpleDataSourceProvenance("govflow training split", labels), labels);
    for (int row = 0; row < table.rowCount(); row++) {
      String label = table.value(row, encoding.label());
      if (!Table.isMissing(label)) {
        dataset.add(encoding.example(table.row(row), labels.generateOutput(label)));
      }
    }
    LinearSGDTrainer learner =
        new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), EPOCHS, NO_LOGGING, MINIBATCH, seed);
    TransformTrainer<Label> trainer =
        new TransformTrainer<>(learner, new TransformationMap(encoding.standardisation()));
    Map<String, Provenance> provenance = Map.of(ENCODING, new StringProvenance(ENCODING, toJson(encoding)));
    return new LocalModel(trainer.train(dataset, provenance), encoding);
  }

  public static LocalModel load(Path file) {
    try {
      return read(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file, e);
    }
  }

  /** A model from the bytes of its file; {@link IllegalArgumentException} if they are not a govflow model. */
  public static LocalModel read(byte[] bytes) {
    Model<?> model;
    try {
      model = Model.deserialize(ModelProto.parseFrom(bytes));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      // Tribuo reports a proto of the wrong kind or version with assorted runtime exceptions.
      throw new IllegalArgumentException("not a Tribuo model file: " + e.getMessage(), e);
    }
    if (!model.validate(Label.class)) {
      throw new IllegalArgumentException("the model is not a classifier");
    }
    Provenance encoding = model.getProvenance().getInstanceProvenance().getMap().get(ENCODING);
    if (!(encoding instanceof StringProvenance json)) {
      throw new IllegalArgumentException("the model was not trained by govflow: it has no " + ENCODING);
    }
    return new LocalModel(model.castModel(Label.class), fromJson(json.getValue()));
  }

  /** The model at a location of the artifact store; what cannot be read there is a non-retryable failure. */
  public static LocalModel fromStore(ArtifactStore store, String location) {
    try {
      return read(store.get(location));
    } catch (ArtifactNotFoundException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("no model file at " + location
          + ": train the model version again", e);
    } catch (IllegalArgumentException e) {
      throw DataProblem.MODEL_ARTIFACT_UNREADABLE.failure("the model file at " + location + " is unreadable ("
          + e.getMessage() + "): delete it and train the model version again", e);
    }
  }

  public byte[] toBytes() {
    return model.serialize().toByteArray();
  }

  public RowEncoding encoding() {
    return encoding;
  }

  /** Scores one row given as column → value; the label column, if present, is ignored. */
  public ScoredRow predict(Map<String, String> row) {
    Prediction<Label> prediction = model.predict(encoding.example(row, LabelFactory.UNKNOWN_LABEL));
    Label favourable = prediction.getOutputScores().get(encoding.favourableLabel());
    return new ScoredRow(prediction.getOutput().getLabel(), favourable == null ? 0.0 : favourable.getScore());
  }

  private static String toJson(RowEncoding encoding) {
    try {
      return JSON.writeValueAsString(encoding);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a row encoding is always writable", e);
    }
  }

  private static RowEncoding fromJson(String json) {
    try {
      return JSON.readValue(json, RowEncoding.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable row encoding in the model: " + e.getOriginalMessage(), e);
    }
  }
}
