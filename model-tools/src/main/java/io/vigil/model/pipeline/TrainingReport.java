package io.vigil.model.pipeline;

import io.vigil.inference.contract.ModelMetadata;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.export.ParityReport;
import io.vigil.model.train.EpochResult;
import io.vigil.model.train.TrainingHistory;
import io.vigil.model.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The short report {@code vigil train} prints before and after training. */
public final class TrainingReport {
  private TrainingReport() {}

  /**
   * Describes the data and the run about to start.
   *
   * @param recording the data
   * @param options the training options
   * @return the lines
   */
  public static List<String> header(Recording recording, TrainingOptions options) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "data:  %s: %d series, %,d rows, %s .. %s",
            recording.source(),
            recording.series().size(),
            recording.rows(),
            recording.firstTime(),
            recording.lastTime()));
    lines.add("       channels " + recording.channels() + ", " + recording.contentHash());
    lines.add(
        String.format(
            Locale.ROOT,
            "model: %s, W=%d S=%d, hidden %s, latent %d%s, seed %d, up to %d epochs",
            options.kind().id(),
            options.window(),
            options.stride(),
            options.hidden(),
            options.latent(),
            kindOptions(options),
            options.seed(),
            options.epochs()));
    return lines;
  }

  /** The options only some kinds have: conv's kernel, the penalty weight. */
  private static String kindOptions(TrainingOptions options) {
    return switch (options.kind()) {
      case CONV -> ", kernel " + options.kernel();
      case VAE -> ", KL weight β " + options.penalty();
      case SPARSE -> ", L1 weight " + options.penalty();
      case CONTRACTIVE -> ", Jacobian weight " + options.penalty();
      default -> "";
    };
  }

  /**
   * Summarises a finished run.
   *
   * @param model the trained model
   * @param calibration how the threshold was calibrated
   * @param output where the model was written
   * @param bytes its size
   * @return the lines
   */
  public static List<String> summary(
      TrainedModel model, ThresholdCalibration calibration, String output, long bytes) {
    TrainingHistory history = model.history();
    EpochResult best = history.best();
    ModelMetadata metadata = model.metadata();
    ParityReport parity = model.parity();
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "trained in %.1f s on %,d windows (%,d held out): %d epochs%s, best %d:"
                + " training loss %.5f, validation loss %s",
            history.seconds(),
            history.trainingWindows(),
            history.validationWindows(),
            history.epochs().size(),
            history.stoppedEarly() ? " (early stop)" : "",
            history.bestEpoch(),
            best.trainingLoss(),
            Double.isNaN(best.validationLoss())
                ? "n/a"
                : String.format(Locale.ROOT, "%.5f", best.validationLoss())));
    List<TrainingHistory> members = model.network().histories();
    if (members.size() > 1) {
      StringBuilder each = new StringBuilder();
      for (int m = 0; m < members.size(); m++) {
        TrainingHistory h = members.get(m);
        each.append(m == 0 ? "" : "; ")
            .append(
                String.format(
                    Locale.ROOT,
                    "%d: seed %d, %d epochs, best %d (validation loss %s)",
                    m,
                    model.network().options().memberSeed(m),
                    h.epochs().size(),
                    h.bestEpoch(),
                    Double.isNaN(h.best().validationLoss())
                        ? "n/a"
                        : String.format(Locale.ROOT, "%.5f", h.best().validationLoss())));
      }
      lines.add(
          "ensemble of "
              + members.size()
              + " members (above: member 0's epochs and losses, all members' seconds): "
              + each);
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "suggested threshold %.6g (%.3g x the %.3g quantile of %d held-out window scores)",
            metadata.suggestedThreshold(),
            calibration.margin(),
            calibration.quantile(),
            model.calibrationScores().length));
    lines.add(parity.summary());
    lines.add(
        String.format(
            Locale.ROOT,
            "wrote %s (%,d bytes): %s version %s, kind %s, contract 1, ONNX IR %d, opset %d",
            output,
            bytes,
            metadata.modelId(),
            metadata.modelVersion(),
            metadata.kind(),
            model.model().getIrVersion(),
            model.model().getOpsetImport(0).getVersion()));
    return lines;
  }
}
