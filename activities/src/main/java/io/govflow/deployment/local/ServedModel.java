package io.govflow.deployment.local;

import io.govflow.training.local.LocalModel;
import java.util.List;

/**
 * What an endpoint serves: a model version's model and its feature columns in the order of the training CSV without
 * the label, the order of the values in a CSV row sent without a header.
 */
public record ServedModel(String modelVersionId, LocalModel model, List<String> featureColumns) {

  public ServedModel {
    featureColumns = List.copyOf(featureColumns);
  }

  public String label() {
    return model.encoding().label();
  }
}
