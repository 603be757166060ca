package io.govflow.monitoring;

import io.govflow.common.Consistent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** True labels of requests the production endpoint answered, each keyed by the eventId of its data capture. */
@Schema(description = "Ground truth for captured production requests, at most " + GroundTruthRequest.MAX_LABELS
    + " labels per upload, one per eventId.")
@Consistent
public record GroundTruthRequest(
    @NotNull(message = "must list the labels, each with the eventId of a captured request and its true label")
    @Size(min = 1, max = GroundTruthRequest.MAX_LABELS,
        message = "must hold between {min} and {max} labels; split a larger upload")
    List<@NotNull(message = "must be a label object") @Valid Label> labels) implements Consistent.Checked {

  public static final int MAX_LABELS = 10_000;
  /** Duplicates named one by one up to this many, so that a problem stays readable. */
  private static final int DUPLICATES_NAMED = 20;

  /** The true label of one answered request. */
  public record Label(
      @NotBlank(message = GroundTruthStore.EVENT_ID_NEEDED)
      @Size(max = 255) String eventId,
      @NotBlank(message = "must be the request's true label, as the dataset's label column writes it")
      @Size(max = 255) String label) {}

  List<GroundTruthLabel> toLabels() {
    return labels.stream().map(label -> new GroundTruthLabel(label.eventId(), label.label())).toList();
  }

  @Override
  public Map<String, String> inconsistencies() {
    Map<String, String> duplicates = new LinkedHashMap<>();
    if (labels == null) {
      return duplicates;
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < labels.size() && duplicates.size() < DUPLICATES_NAMED; i++) {
      Label label = labels.get(i);
      if (label == null || label.eventId() == null) {
        continue;
      }
      Integer first = firstIndex.putIfAbsent(label.eventId(), i);
      if (first != null) {
        duplicates.put("labels[" + i + "].eventId", "repeats the eventId of labels[" + first + "]; send one label "
            + "per event");
      }
    }
    return duplicates;
  }
}
