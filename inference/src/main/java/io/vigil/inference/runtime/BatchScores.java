package io.vigil.inference.runtime;

import io.vigil.core.engine.WindowScorer;

/**
 * The scores of one micro-batch, window by window in the order sent: each window's score, its
 * channel scores (one per feature, in {@code vigil.features} order) and, when asked for, its
 * reconstruction and its latent code. Owns its arrays; safe to hand to another thread.
 */
public final class BatchScores implements WindowScorer.ScoredBatch {
  private final int size;
  private final int window;
  private final int features;
  private final float[] scores;
  private final float[] channelScores;
  private final float[] reconstructions;
  private final int latentSize;
  private final float[] latents;

  BatchScores(
      int size,
      int window,
      int features,
      float[] scores,
      float[] channelScores,
      float[] reconstructions,
      int latentSize,
      float[] latents) {
    this.size = size;
    this.window = window;
    this.features = features;
    this.scores = scores;
    this.channelScores = channelScores;
    this.reconstructions = reconstructions;
    this.latentSize = latentSize;
    this.latents = latents;
  }

  /** Returns n, the number of windows scored. */
  public int size() {
    return size;
  }

  /** Returns the score of window {@code i}. */
  @Override
  public float score(int i) {
    return scores[checkIndex(i)];
  }

  /** Returns a copy of the n scores. */
  public float[] scores() {
    float[] copy = new float[size];
    System.arraycopy(scores, 0, copy, 0, size);
    return copy;
  }

  /** Returns the channel score of feature {@code f} of window {@code i}. */
  public float channelScore(int i, int f) {
    if (f < 0 || f >= features) {
      throw new IndexOutOfBoundsException("feature " + f + " of " + features);
    }
    return channelScores[checkIndex(i) * features + f];
  }

  /** Returns a copy of the F channel scores of window {@code i}. */
  public float[] channelScores(int i) {
    float[] copy = new float[features];
    System.arraycopy(channelScores, checkIndex(i) * features, copy, 0, features);
    return copy;
  }

  /** Returns whether the reconstructions were asked for and are available. */
  public boolean hasReconstructions() {
    return reconstructions != null;
  }

  /**
   * Returns a copy of the reconstruction of window {@code i}, flat row-major {@code [W][F]}, raw
   * units.
   *
   * @throws IllegalStateException if the batch was scored without reconstructions
   */
  @Override
  public float[] reconstruction(int i) {
    if (reconstructions == null) {
      throw new IllegalStateException("this batch was scored without reconstructions");
    }
    float[] copy = new float[window * features];
    System.arraycopy(reconstructions, checkIndex(i) * copy.length, copy, 0, copy.length);
    return copy;
  }

  /** Returns whether the latent codes were asked for and are available. */
  public boolean hasLatents() {
    return latents != null;
  }

  /**
   * Returns a copy of the latent code of window {@code i}, L values.
   *
   * @throws IllegalStateException if the batch was scored without latent codes
   */
  @Override
  public float[] latent(int i) {
    if (latents == null) {
      throw new IllegalStateException("this batch was scored without latent codes");
    }
    float[] copy = new float[latentSize];
    System.arraycopy(latents, checkIndex(i) * latentSize, copy, 0, latentSize);
    return copy;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("window " + i + " of a batch of " + size);
    }
    return i;
  }
}
