package io.vigil.app.detect;

import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.core.engine.WindowPhase;

/**
 * A device's recent scores, one record per scored window in the {@link #STORE} window store (keyed
 * by device, timestamped with the window's end, kept for the dashboard's score retention): what the
 * device page charts and what a policy preview judges again.
 */
public final class RecentScores {
  /** The window store's name. */
  public static final String STORE = "recent-scores";

  private static final String WHAT = "RecentScore";
  private static final int FORMAT = 1;

  private RecentScores() {}

  /**
   * One stored score.
   *
   * @param startTime the window's first frame time
   * @param endTime its last frame time
   * @param score the score
   * @param threshold the threshold in force for it
   * @param phase where it stood
   * @param policyId the policy in force
   * @param policyVersion its version
   * @param channelScores one score per feature
   */
  public record Stored(
      long startTime,
      long endTime,
      double score,
      double threshold,
      WindowPhase phase,
      String policyId,
      long policyVersion,
      float[] channelScores) {}

  /**
   * Encodes a judged window.
   *
   * @param w the window
   * @return the record's value
   */
  public static byte[] encode(ScoredWindow w) {
    float[] c = w.channelScores();
    double[] channels = new double[c.length];
    for (int f = 0; f < c.length; f++) {
      channels[f] = c[f];
    }
    return new StateWriter(64 + 8 * c.length)
        .format(WHAT, FORMAT)
        .putLong(w.startTime())
        .putLong(w.endTime())
        .putDouble(w.score())
        .putDouble(w.threshold())
        .putInt(w.phase().ordinal())
        .putString(w.detection().policyId())
        .putLong(w.detection().policyVersion())
        .putDoubles(channels)
        .toBytes();
  }

  /**
   * Decodes a record.
   *
   * @param bytes the value
   * @return the stored score
   * @throws io.vigil.core.codec.CorruptStateException when the bytes are not a record
   */
  public static Stored decode(byte[] bytes) {
    StateReader in = StateReader.of(WHAT, bytes).expectFormat(FORMAT);
    long start = in.getLong("startTime");
    long end = in.getLong("endTime");
    double score = in.getDouble("score");
    double threshold = in.getDouble("threshold");
    int phase = in.getInt("phase", 0, WindowPhase.values().length - 1);
    String policyId = in.getString("policyId");
    long version = in.getLong("policyVersion");
    double[] channels = in.getDoubles("channelScores", 100_000);
    in.expectEnd();
    float[] c = new float[channels.length];
    for (int f = 0; f < c.length; f++) {
      c[f] = (float) channels[f];
    }
    return new Stored(
        start, end, score, threshold, WindowPhase.values()[phase], policyId, version, c);
  }
}
