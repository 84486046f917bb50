package io.vigil.model.pipeline;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.contract.Scaler;
import io.vigil.inference.onnx.ContractGraphs;
import io.vigil.inference.onnx.ScoreOutputs;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.data.ScalerFit;
import io.vigil.model.data.Series;
import io.vigil.model.data.TrainingSplit;
import io.vigil.model.data.WindowSet;
import io.vigil.model.export.ModelIdentity;
import io.vigil.model.export.NetworkExporter;
import io.vigil.model.export.ParityCheck;
import io.vigil.model.export.ParityReport;
import io.vigil.model.export.Provenance;
import io.vigil.model.train.AutoencoderTrainer;
import io.vigil.model.train.TrainedNetwork;
import io.vigil.model.train.TrainingListener;
import io.vigil.model.train.TrainingOptions;
import java.time.Clock;
import java.util.List;

/**
 * Trains and exports one model: splits each series chronologically (the later {@code
 * validationSplit} of its rows held out), fits the scaler on the training rows only, cuts W-row
 * windows every {@link TrainingOptions#fitStride()} rows (S unless set), trains, scores the
 * held-out windows to calibrate the suggested threshold (the training windows when nothing is held
 * out), exports the contract model with its provenance, and checks the export against the network
 * on up to {@value #PARITY_WINDOWS} held-out windows ({@link ParityCheck}).
 *
 * @param options architecture and training settings
 * @param calibration how the suggested threshold is derived
 * @param identity the model id and version
 * @param clock the creation time written into the provenance
 */
public record TrainingPipeline(
    TrainingOptions options,
    ThresholdCalibration calibration,
    ModelIdentity identity,
    Clock clock) {

  /** Windows per forward pass when scoring for calibration. */
  private static final int SCORE_BATCH = 256;

  /** Held-out windows the exported model is checked on against the network. */
  static final int PARITY_WINDOWS = 256;

  /**
   * Runs the pipeline.
   *
   * @param recording the training data
   * @param listener told about each batch and epoch
   * @return the model and its network, owned by the caller
   */
  public TrainedModel run(Recording recording, TrainingListener listener) {
    TrainingSplit split = TrainingSplit.of(recording.series(), options.validationSplit());
    Scaler scaler = ScalerFit.fit(split.training(), options.stdFloor());
    WindowSet training =
        WindowSet.of(split.training(), options.window(), options.fitStride(), scaler);
    WindowSet validation =
        WindowSet.of(split.validation(), options.window(), options.fitStride(), scaler);
    boolean[] levelMask = options.levelRemoval().mask(recording.channels());
    TrainedNetwork network =
        AutoencoderTrainer.train(training, validation, scaler, options, levelMask, listener);
    try {
      WindowSet held = validation.count() > 0 ? validation : training;
      double[] scores = network.scores(held.values(), held.count(), SCORE_BATCH);
      double threshold = calibration.suggest(scores);
      String provenance =
          Provenance.json(
              recording,
              options,
              network.history(),
              network.histories(),
              calibration,
              held.count(),
              validation.count() > 0 ? "validation" : "training",
              clock.instant());
      ModelMetadata metadata =
          new ModelMetadata(
              identity.modelId(),
              identity.modelVersion(),
              options.kind().id(),
              recording.channels(),
              options.window(),
              options.stride(),
              scaler,
              threshold,
              provenance);
      ModelProto model =
          ContractGraphs.build(
              metadata, NetworkExporter.body(network.networks()), ScoreOutputs.IN_GRAPH, levelMask);
      List<Series> parityRows =
          split.validation().isEmpty() ? split.training() : split.validation();
      WindowSet raw =
          WindowSet.of(
              parityRows,
              options.window(),
              options.stride(),
              Scaler.identity(scaler.featureCount()));
      ParityReport parity =
          raw.count() == 0
              ? new ParityReport(0, 0, 0, 0)
              : ParityCheck.compare(
                  network,
                  model.toByteArray(),
                  raw.values(),
                  Math.min(PARITY_WINDOWS, raw.count()));
      return new TrainedModel(model, metadata, network, scores, parity);
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }
}
