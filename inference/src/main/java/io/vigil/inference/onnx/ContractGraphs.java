package io.vigil.inference.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.vigil.inference.contract.ModelContract;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.contract.Scaler;
import io.vigil.inference.scoring.ScoreFormula;
import io.vigil.inference.scoring.StillnessTerm;
import java.util.List;

/**
 * Builds complete contract models: the {@code window} input in raw units, standardisation with the
 * metadata's scaler, the autoencoder body, destandardisation into {@code reconstruction}, and
 * (optionally) {@code channel_scores} and {@code score} computed in the graph with the contract's
 * formula (or another {@link ScoreFormula}), the body's code as {@code latent} when it names one,
 * plus the contract {@code metadata_props}.
 *
 * <p>The scores are computed from the raw {@code window} and {@code reconstruction}, as the
 * contract states them and as Vigil computes them for models without score outputs (or as {@link
 * ScoreFormula} computes them in plain Java), so the two agree to float rounding.
 */
public final class ContractGraphs {
  /** The name of the symbolic batch dimension of inputs and outputs. */
  public static final String BATCH = "batch";

  private ContractGraphs() {}

  /**
   * Builds a dense autoencoder contract model with scores in the graph.
   *
   * @param metadata the contract metadata; W, F and the scaler shape the graph
   * @param autoencoder the layers; its size must be W*F
   * @return the model
   */
  public static ModelProto dense(ModelMetadata metadata, DenseAutoencoder autoencoder) {
    return build(metadata, autoencoder, ScoreOutputs.IN_GRAPH);
  }

  /**
   * Builds a dense autoencoder contract model whose in-graph scores follow {@code formula}.
   *
   * @param metadata the contract metadata; W (at least 2 with a stillness term), F and the scaler
   *     shape the graph
   * @param autoencoder the layers; its size must be W*F
   * @param formula the scores' formula
   * @return the model
   */
  public static ModelProto dense(
      ModelMetadata metadata, DenseAutoencoder autoencoder, ScoreFormula formula) {
    return build(
        metadata,
        autoencoder,
        ScoreOutputs.IN_GRAPH,
        new boolean[metadata.featureCount()],
        formula);
  }

  /**
   * Wraps an autoencoder body into a contract model.
   *
   * @param metadata the contract metadata; W, F and the scaler shape the graph
   * @param body the autoencoder body, from standardised window to standardised reconstruction
   * @param scores whether to compute {@code score} and {@code channel_scores} in the graph
   * @return the model
   */
  public static ModelProto build(
      ModelMetadata metadata, AutoencoderBody body, ScoreOutputs scores) {
    return build(metadata, body, scores, new boolean[metadata.featureCount()]);
  }

  /**
   * Wraps an autoencoder body into a contract model whose masked channels the body sees without
   * each window's level: after standardisation the mean over the window's W rows is subtracted from
   * each masked channel, and added back to the body's output before destandardisation. The contract
   * is unchanged (raw window in, reconstruction in raw units out, the same score formula); a masked
   * channel's error is then the error of its shape within the window.
   *
   * @param metadata the contract metadata; W, F and the scaler shape the graph
   * @param body the autoencoder body, from standardised window to standardised reconstruction
   * @param scores whether to compute {@code score} and {@code channel_scores} in the graph
   * @param levelMask per feature, whether its window level is removed; all false for none
   * @return the model
   */
  public static ModelProto build(
      ModelMetadata metadata, AutoencoderBody body, ScoreOutputs scores, boolean[] levelMask) {
    return build(metadata, body, scores, levelMask, ScoreFormula.CONTRACT);
  }

  private static ModelProto build(
      ModelMetadata metadata,
      AutoencoderBody body,
      ScoreOutputs scores,
      boolean[] levelMask,
      ScoreFormula formula) {
    StillnessTerm stillness = formula.stillness();
    if (stillness != null && stillness.featureCount() != metadata.featureCount()) {
      throw new IllegalArgumentException(
          "stillness term has "
              + stillness.featureCount()
              + " channels, the model "
              + metadata.featureCount()
              + " features");
    }
    if (stillness != null && metadata.window() < 2) {
      throw new IllegalArgumentException(
          "a stillness term needs windows of at least 2 frames, the model has W = "
              + metadata.window());
    }
    if (levelMask.length != metadata.featureCount()) {
      throw new IllegalArgumentException(
          "level mask has "
              + levelMask.length
              + " channels, the model "
              + metadata.featureCount()
              + " features");
    }
    int window = metadata.window();
    int features = metadata.featureCount();
    Scaler scaler = metadata.scaler();
    OnnxGraphBuilder graph = new OnnxGraphBuilder(metadata.modelId());
    graph.docString(
        "Vigil contract "
            + ModelContract.VERSION
            + " model "
            + metadata.modelId()
            + " "
            + metadata.modelVersion()
            + " ("
            + metadata.kind()
            + ")");
    graph.metadata(metadata.toProperties());

    String input =
        graph.input(
            ModelContract.INPUT_WINDOW,
            DataType.FLOAT,
            Dim.symbolic(BATCH),
            Dim.fixed(window),
            Dim.fixed(features));
    // [F] constants broadcast over [batch, W, F]: the last axes line up.
    String mean = graph.initializer("scaler_mean", scaler.means(), features);
    String std = graph.initializer("scaler_std", scaler.stds(), features);

    String standardised = graph.node("Div", List.of(graph.node("Sub", List.of(input, mean)), std));
    String level = null;
    if (any(levelMask)) {
      float[] mask = new float[features];
      for (int f = 0; f < features; f++) {
        mask[f] = levelMask[f] ? 1f : 0f;
      }
      // [batch, 1, F]: each window's mean over time, zero for the channels that keep their level.
      String means =
          graph.node(
              "ReduceMean",
              List.of(standardised),
              OnnxAttributes.ints("axes", 1),
              OnnxAttributes.integer("keepdims", 1));
      level = graph.node("Mul", List.of(means, graph.initializer("level_mask", mask, features)));
      standardised = graph.node("Sub", List.of(standardised, level));
    }
    AutoencoderBody.BodyOutputs outputs = body(graph, body, standardised, window, features);
    String reconstructed = outputs.reconstruction();
    if (level != null) {
      reconstructed = graph.node("Add", List.of(reconstructed, level));
    }
    String rescaled = graph.node("Mul", List.of(reconstructed, std));
    String reconstruction =
        graph.nodeTo(ModelContract.OUTPUT_RECONSTRUCTION, "Add", List.of(rescaled, mean));
    graph.output(
        reconstruction,
        DataType.FLOAT,
        Dim.symbolic(BATCH),
        Dim.fixed(window),
        Dim.fixed(features));

    if (scores == ScoreOutputs.IN_GRAPH) {
      addScores(graph, input, reconstruction, std, window, features, formula);
    }
    if (outputs.code() != null) {
      // The code as the network computes it, in its own (standardised) terms: it has no units.
      String latent =
          graph.nodeTo(ModelContract.OUTPUT_LATENT, "Identity", List.of(outputs.code()));
      graph.output(latent, DataType.FLOAT, Dim.symbolic(BATCH), Dim.fixed(outputs.codeSize()));
    }
    return graph.build();
  }

  private static boolean any(boolean[] mask) {
    for (boolean m : mask) {
      if (m) {
        return true;
      }
    }
    return false;
  }

  private static AutoencoderBody.BodyOutputs body(
      OnnxGraphBuilder graph, AutoencoderBody body, String input, int window, int features) {
    if (body.layout() == BodyLayout.SEQUENCE) {
      return body.buildOutputs(graph, input, window, features);
    }
    String flat = graph.node("Flatten", List.of(input), OnnxAttributes.integer("axis", 1));
    AutoencoderBody.BodyOutputs out = body.buildOutputs(graph, flat, window, features);
    // Reshape's 0 copies the batch size from the input, so no -1 inference is needed and an
    // empty batch still reshapes.
    String shape = graph.initializer("reconstruction_shape", new long[] {0, window, features}, 3);
    return new AutoencoderBody.BodyOutputs(
        graph.node("Reshape", List.of(out.reconstruction(), shape)), out.code(), out.codeSize());
  }

  private static void addScores(
      OnnxGraphBuilder graph,
      String input,
      String reconstruction,
      String std,
      int window,
      int features,
      ScoreFormula formula) {
    StillnessTerm stillness = formula.stillness();
    String error =
        graph.node("Div", List.of(graph.node("Sub", List.of(input, reconstruction)), std));
    String squared = graph.node("Mul", List.of(error, error));
    String channelScores =
        stillness == null
            ? meanOverAxis1(graph, ModelContract.OUTPUT_CHANNEL_SCORES, squared)
            : graph.nodeTo(
                ModelContract.OUTPUT_CHANNEL_SCORES,
                "Add",
                List.of(
                    meanOverAxis1(graph, null, squared),
                    stillness(graph, input, window, features, stillness)));
    String score =
        formula.rootMean()
            ? graph.nodeTo(
                ModelContract.OUTPUT_SCORE,
                "Sqrt",
                List.of(meanOverAxis1(graph, null, channelScores)))
            : meanOverAxis1(graph, ModelContract.OUTPUT_SCORE, channelScores);
    graph.output(score, DataType.FLOAT, Dim.symbolic(BATCH));
    graph.output(channelScores, DataType.FLOAT, Dim.symbolic(BATCH), Dim.fixed(features));
  }

  /**
   * The mean over axis 1 (time for {@code [batch, W, F]}, channels for {@code [batch, F]}), that
   * axis dropped; into {@code output} when given, a fresh name otherwise.
   */
  private static String meanOverAxis1(OnnxGraphBuilder graph, String output, String input) {
    AttributeProto[] attributes = {
      OnnxAttributes.ints("axes", 1), OnnxAttributes.integer("keepdims", 0)
    };
    return output == null
        ? graph.node("ReduceMean", List.of(input), attributes)
        : graph.nodeTo(output, "ReduceMean", List.of(input), attributes);
  }

  /** Frames {@code [start, end)} of {@code [batch, W, F]} windows, along the time axis. */
  private static String timeSlice(
      OnnxGraphBuilder graph, String input, String axes, String name, long start, long end) {
    return graph.node(
        "Slice",
        List.of(
            input,
            graph.initializer(name + "_start", new long[] {start}, 1),
            graph.initializer(name + "_end", new long[] {end}, 1),
            axes));
  }

  /** The {@link StillnessTerm} of each window and channel, {@code [batch, F]}. */
  private static String stillness(
      OnnxGraphBuilder graph, String input, int window, int features, StillnessTerm term) {
    String axes = graph.initializer("stillness_axes", new long[] {1}, 1);
    String later = timeSlice(graph, input, axes, "stillness_later", 1, window);
    String earlier = timeSlice(graph, input, axes, "stillness_earlier", 0, window - 1);
    String step = graph.node("Sub", List.of(later, earlier));
    String meanSquaredStep = meanOverAxis1(graph, null, graph.node("Mul", List.of(step, step)));
    float[] still = new float[features];
    for (int f = 0; f < features; f++) {
      still[f] = term.level(f);
    }
    String ratio =
        graph.node(
            "Div", List.of(meanSquaredStep, graph.initializer("stillness_level", still, features)));
    String gap =
        graph.node(
            "Relu",
            List.of(
                graph.node(
                    "Sub",
                    List.of(graph.initializer("stillness_one", new float[] {1f}, 1), ratio))));
    return graph.node(
        "Mul",
        List.of(
            graph.node("Mul", List.of(gap, gap)),
            graph.initializer("stillness_weight", new float[] {(float) term.weight()}, 1)));
  }
}
