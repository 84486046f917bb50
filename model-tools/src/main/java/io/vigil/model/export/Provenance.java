package io.vigil.model.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.train.EpochResult;
import io.vigil.model.train.TrainingHistory;
import io.vigil.model.train.TrainingOptions;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code vigil.provenance} document of a trained model: who made it (Vigil version,
 * engine), when, from which data (source, series, rows, time range, content hash, channels), how
 * (every training option, the seed, epochs run, the best epoch and its training and validation
 * losses) and how the suggested threshold was calibrated. A model file thus says how to make it
 * again.
 */
public final class Provenance {
  /** The engine the networks are trained with, as pinned in the build. */
  public static final String ENGINE = "DJL 0.35.1, PyTorch 2.7.1 (CPU)";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Provenance() {}

  /**
   * Returns the provenance JSON.
   *
   * @param recording the data trained on
   * @param options the training options
   * @param history how training went (an ensemble's: its first member's, with every member's
   *     seconds)
   * @param members how each member's training went, in order; written only for an ensemble
   * @param calibration how the threshold was calibrated
   * @param calibrationWindows how many windows the threshold was calibrated on
   * @param calibrationSource which windows: {@code validation}, or {@code training} when nothing
   *     was held out
   * @param createdAt when the model was made
   * @return a compact JSON object
   */
  public static String json(
      Recording recording,
      TrainingOptions options,
      TrainingHistory history,
      List<TrainingHistory> members,
      ThresholdCalibration calibration,
      int calibrationWindows,
      String calibrationSource,
      Instant createdAt) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("trainer", "vigil-model-tools");
    root.put("vigilVersion", VigilVersion.get());
    root.put("engine", ENGINE);
    root.put("createdAt", createdAt.toString());

    ObjectNode data = root.putObject("data");
    data.put("source", recording.source());
    data.put("series", recording.series().size());
    data.put("rows", recording.rows());
    data.put("from", String.valueOf(recording.firstTime()));
    data.put("to", String.valueOf(recording.lastTime()));
    data.put("contentHash", recording.contentHash());
    ArrayNode channels = data.putArray("channels");
    recording.channels().forEach(channels::add);

    ObjectNode training = root.putObject("training");
    training.set("options", MAPPER.valueToTree(options.describe()));
    training.put("seed", options.seed());
    training.put("epochsRun", history.epochs().size());
    training.put("bestEpoch", history.bestEpoch());
    training.put("stoppedEarly", history.stoppedEarly());
    training.put("trainingWindows", history.trainingWindows());
    training.put("validationWindows", history.validationWindows());
    EpochResult best = history.best();
    putNumber(training, "finalTrainingLoss", best.trainingLoss());
    putNumber(training, "finalValidationLoss", best.validationLoss());
    if (members.size() > 1) {
      // The fields above are member 0's; each member's own run, with the seed it was trained from.
      ArrayNode runs = training.putArray("memberRuns");
      for (int m = 0; m < members.size(); m++) {
        TrainingHistory run = members.get(m);
        ObjectNode member = runs.addObject();
        member.put("seed", options.memberSeed(m));
        member.put("epochsRun", run.epochs().size());
        member.put("bestEpoch", run.bestEpoch());
        putNumber(member, "finalValidationLoss", run.best().validationLoss());
      }
    }

    ObjectNode threshold = root.putObject("threshold");
    threshold.put("quantile", calibration.quantile());
    threshold.put("margin", calibration.margin());
    threshold.put("windows", calibrationWindows);
    threshold.put("scoredOn", calibrationSource);
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON has no NaN: a loss that was not measured is written as null. */
  private static void putNumber(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }

  /**
   * Parses a provenance document, e.g. to print it.
   *
   * @param json the {@code vigil.provenance} value
   * @return the fields, in order
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String json) {
    try {
      return MAPPER.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("provenance is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
