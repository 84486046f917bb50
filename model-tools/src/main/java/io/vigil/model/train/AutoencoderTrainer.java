package io.vigil.model.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.vigil.inference.contract.Scaler;
import io.vigil.model.data.WindowSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains an autoencoder on standardised windows with Adam, shuffled mini-batches, optional
 * denoising noise and dropout, and early stopping on the validation windows: after {@code patience}
 * epochs without a better validation loss it stops, and the weights of the best epoch are kept. The
 * loss is the reconstruction loss plus, for vae, sparse and contractive, the kind's weighted
 * penalty (the training objective; validation measures it in inference mode).
 *
 * <p>Every random draw is seeded from {@link TrainingOptions#seed()}: the engine's (initial
 * weights, dropout, the VAE's sampling) and two {@link Random}s of our own (batch order, noise), so
 * a run can be replayed exactly. An ensemble ({@link TrainingOptions#members()} more than 1) is
 * that many such runs one after the other, member m from {@link TrainingOptions#memberSeed}.
 */
public final class AutoencoderTrainer {
  private AutoencoderTrainer() {}

  /**
   * Trains a network.
   *
   * @param training standardised training windows, at least one
   * @param validation standardised validation windows, possibly none
   * @param scaler the standardisation the windows were made with, kept for export
   * @param options the architecture and training settings
   * @param levelMask per feature, whether the network sees it without each window's level ({@link
   *     LevelRemoval}); the windows are given with their levels, and the trained network takes them
   *     off and puts them back itself
   * @param listener told about each batch and epoch
   * @return the trained network, owned by the caller
   */
  public static TrainedNetwork train(
      WindowSet training,
      WindowSet validation,
      Scaler scaler,
      TrainingOptions options,
      boolean[] levelMask,
      TrainingListener listener) {
    if (training.count() == 0) {
      throw new IllegalArgumentException(
          "no training windows: every series is shorter than the window ("
              + options.window()
              + " rows) or has gaps in it");
    }
    if (training.window() != options.window()) {
      throw new IllegalArgumentException(
          "windows have " + training.window() + " rows, the options say " + options.window());
    }
    Engine engine = TorchEngine.get();
    WindowSet fit = training.withoutLevels(levelMask);
    WindowSet held = validation.withoutLevels(levelMask);
    List<TrainedNetwork.Member> members = new ArrayList<>();
    try {
      for (int m = 0; m < options.members(); m++) {
        // Each member is a whole training run of its own seed: weights, batch order and noise.
        TrainingOptions own = options.toBuilder().seed(options.memberSeed(m)).members(1).build();
        if (options.members() > 1) {
          listener.onMember(m, options.members(), own.seed());
        }
        engine.setRandomSeed((int) own.seed());
        Network network = network(own, training.window(), training.features());
        Model model = Model.newInstance("vigil-" + options.kind().id(), TorchEngine.NAME);
        try {
          model.setBlock(network.block());
          TrainingHistory history = run(model, network, fit, held, own, listener);
          members.add(new TrainedNetwork.Member(model, network, history));
        } catch (RuntimeException e) {
          model.close();
          throw e;
        }
      }
      return new TrainedNetwork(members, scaler, options, levelMask);
    } catch (RuntimeException e) {
      members.forEach(member -> member.model().close());
      throw e;
    }
  }

  private static Network network(TrainingOptions options, int window, int features) {
    return switch (options.kind()) {
      case DENSE -> DenseNetwork.create(options, window, features);
      case LSTM -> LstmNetwork.create(options, window, features);
      case CONV -> ConvNetwork.create(options, window, features);
      case VAE, SPARSE, CONTRACTIVE -> PenalisedDenseNetwork.create(options, window, features);
    };
  }

  private static TrainingHistory run(
      Model model,
      Network network,
      WindowSet training,
      WindowSet validation,
      TrainingOptions options,
      TrainingListener listener) {
    long started = System.nanoTime();
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(Loss.l2Loss())
            .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
            .optOptimizer(
                Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed((float) options.learningRate()))
                    .build());
    Random order = new Random(options.seed());
    Random noise = new Random(options.seed() * 0x9E3779B97F4A7C15L + 1);
    List<EpochResult> epochs = new ArrayList<>();
    Map<String, float[]> best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    boolean stoppedEarly = false;
    try (Trainer trainer = model.newTrainer(config)) {
      trainer.initialize(network.inputShape(options.batchSize()));
      int[] indices = new int[training.count()];
      for (int i = 0; i < indices.length; i++) {
        indices[i] = i;
      }
      int batches = (indices.length + options.batchSize() - 1) / options.batchSize();
      for (int epoch = 1; epoch <= options.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        shuffle(indices, order);
        double lossSum = 0;
        for (int b = 0; b < batches; b++) {
          int from = b * options.batchSize();
          int to = Math.min(indices.length, from + options.batchSize());
          lossSum += step(trainer, network, training, indices, from, to, options, noise);
          listener.onBatch(epoch, options.epochs(), b + 1, batches);
        }
        double trainingLoss = lossSum / indices.length;
        double validationLoss =
            validation.count() == 0 ? Double.NaN : evaluate(trainer, network, validation, options);
        double monitored = validation.count() == 0 ? trainingLoss : validationLoss;
        boolean improved = monitored < bestLoss || validation.count() == 0;
        if (improved) {
          bestLoss = monitored;
          bestEpoch = epoch;
          best = snapshot(model);
        }
        EpochResult result =
            new EpochResult(
                epoch,
                trainingLoss,
                validationLoss,
                improved,
                (System.nanoTime() - epochStart) / 1e9);
        epochs.add(result);
        listener.onEpoch(result, options.epochs());
        if (options.patience() > 0
            && validation.count() > 0
            && epoch - bestEpoch >= options.patience()
            && epoch < options.epochs()) {
          stoppedEarly = true;
          break;
        }
      }
    }
    restore(model, best);
    return new TrainingHistory(
        epochs,
        bestEpoch,
        stoppedEarly,
        training.count(),
        validation.count(),
        (System.nanoTime() - started) / 1e9);
  }

  /** One optimiser step on windows {@code indices[from, to)}; returns the summed window loss. */
  private static double step(
      Trainer trainer,
      Network network,
      WindowSet windows,
      int[] indices,
      int from,
      int to,
      TrainingOptions options,
      Random noise) {
    int n = to - from;
    float[] clean = new float[n * windows.size()];
    windows.gather(indices, from, to, clean);
    float[] input = clean;
    if (options.noise() > 0) {
      input = clean.clone();
      for (int i = 0; i < input.length; i++) {
        input[i] += (float) (options.noise() * noise.nextGaussian());
      }
    }
    try (NDManager batch = trainer.getManager().newSubManager()) {
      NDArray x = batch.create(input, network.inputShape(n));
      NDArray target = batch.create(clean, network.inputShape(n));
      double loss;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDArray value = objective(trainer.forward(new NDList(x)), target, options.loss());
        collector.backward(value);
        loss = value.getFloat();
      }
      // A batch reconstructed exactly (a flat series: every standardised input is 0, and so is the
      // untrained output) has all-zero gradients, which DJL refuses to step on; there is nothing to
      // learn from it, so it is skipped.
      if (loss != 0) {
        trainer.step();
      }
      return loss * n;
    }
  }

  /**
   * The objective of a batch: the reconstruction loss, plus the mean of the per-window penalty that
   * a penalised network returns second (already weighted; see {@link PenalisedDenseNetwork}).
   */
  private static NDArray objective(NDList outputs, NDArray target, LossKind kind) {
    NDArray loss = loss(outputs.get(0), target, kind);
    return outputs.size() > 1 ? loss.add(outputs.get(1).mean()) : loss;
  }

  /**
   * Mean objective over windows in inference mode (no dropout, no noise; a VAE decodes its mean).
   */
  private static double evaluate(
      Trainer trainer, Network network, WindowSet windows, TrainingOptions options) {
    int[] all = new int[windows.count()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    double sum = 0;
    for (int from = 0; from < all.length; from += options.batchSize()) {
      int to = Math.min(all.length, from + options.batchSize());
      float[] values = new float[(to - from) * windows.size()];
      windows.gather(all, from, to, values);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray x = batch.create(values, network.inputShape(to - from));
        sum +=
            objective(trainer.evaluate(new NDList(x)), x, options.loss()).getFloat() * (to - from);
      }
    }
    return sum / all.length;
  }

  private static NDArray loss(NDArray prediction, NDArray target, LossKind kind) {
    NDArray error = prediction.sub(target);
    return kind == LossKind.MSE ? error.square().mean() : error.abs().mean();
  }

  private static void shuffle(int[] indices, Random random) {
    for (int i = indices.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = indices[i];
      indices[i] = indices[j];
      indices[j] = swap;
    }
  }

  private static Map<String, float[]> snapshot(Model model) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (var entry : model.getBlock().getParameters()) {
      values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
    }
    return values;
  }

  private static void restore(Model model, Map<String, float[]> values) {
    if (values == null) {
      return;
    }
    for (var entry : model.getBlock().getParameters()) {
      NDArray array = entry.getValue().getArray();
      // Not NDArray.set(float[]): DJL's PyTorch engine runs that under libtorch's deprecated
      // AutoNonVariableTypeMode, which prints a warning on stderr that a user cannot act on; an
      // indexed assignment of the same values prints nothing.
      try (NDManager scratch = array.getManager().newSubManager()) {
        array.set(new NDIndex("..."), scratch.create(values.get(entry.getKey()), array.getShape()));
      }
    }
  }
}
