package io.vigil.model.pipeline;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.model.export.ParityReport;
import io.vigil.model.train.TrainedNetwork;
import io.vigil.model.train.TrainingHistory;

/**
 * The outcome of a training run: the contract model, its metadata, and the DJL network it was
 * exported from (kept for parity checks). Owns the network; closing releases its native memory.
 *
 * @param model the ONNX model
 * @param metadata its contract metadata
 * @param network the trained DJL network
 * @param calibrationScores the held-out window scores the suggested threshold came from
 * @param parity how closely the exported model reproduces the network on held-out windows
 */
public record TrainedModel(
    ModelProto model,
    ModelMetadata metadata,
    TrainedNetwork network,
    double[] calibrationScores,
    ParityReport parity)
    implements AutoCloseable {

  /** Returns how training went. */
  public TrainingHistory history() {
    return network.history();
  }

  /** Returns the serialised model. */
  public byte[] bytes() {
    return model.toByteArray();
  }

  @Override
  public void close() {
    network.close();
  }
}
