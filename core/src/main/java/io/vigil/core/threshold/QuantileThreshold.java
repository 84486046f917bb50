package io.vigil.core.threshold;

import com.tdunning.math.stats.MergingDigest;
import io.vigil.core.codec.CorruptStateException;
import io.vigil.core.codec.StateReader;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.OptionalDouble;

/**
 * Threshold = a streaming quantile of the scores times a margin, over a t-digest ({@link
 * MergingDigest}) whose size is bounded by its compression.
 *
 * <p>Two choices make the state reproducible. The digest is compressed after every score, so its
 * state is fully described by its centroids and the t-digest serialisation (which compresses before
 * writing) does not change later results: a detector whose state goes through a store after each
 * score computes the same thresholds as one kept in memory, as the backtest does. And the digest's
 * alternating merge direction is switched off, because the merge counter it depends on is not part
 * of the serialised form. The cost is one merge of about {@code 2 * compression} centroids per
 * score, microseconds at the default compression.
 */
public final class QuantileThreshold implements AdaptiveThreshold {
  private final double quantile;
  private final double margin;
  private final double compression;
  private final MergingDigest digest;
  private long observations;

  /**
   * Creates an empty threshold.
   *
   * @param quantile the quantile, in (0, 1)
   * @param margin factor applied to the quantile, > 0
   * @param compression t-digest compression, in [20, 1000]
   */
  public QuantileThreshold(double quantile, double margin, double compression) {
    this(quantile, margin, compression, newDigest(compression));
  }

  private QuantileThreshold(
      double quantile, double margin, double compression, MergingDigest digest) {
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("quantile is " + quantile + "; expected (0, 1)");
    }
    if (!(margin > 0) || !Double.isFinite(margin)) {
      throw new IllegalArgumentException("margin is " + margin + "; expected a finite value > 0");
    }
    this.quantile = quantile;
    this.margin = margin;
    this.compression = compression;
    this.digest = digest;
    digest.useAlternatingSort = false;
  }

  static QuantileThreshold create(ThresholdSpec spec) {
    return new QuantileThreshold(
        spec.parameter("quantile"), spec.parameter("margin"), spec.parameter("compression"));
  }

  /**
   * Keeps the digest when the compression is unchanged (quantile and margin only read it); returns
   * null when it changed, since a digest cannot be re-compressed to another size.
   */
  QuantileThreshold retune(ThresholdSpec spec) {
    if (spec.parameter("compression") != compression) {
      return null;
    }
    QuantileThreshold next =
        new QuantileThreshold(
            spec.parameter("quantile"), spec.parameter("margin"), compression, digest);
    next.observations = observations;
    return next;
  }

  private static MergingDigest newDigest(double compression) {
    if (!(compression >= 20 && compression <= 1000)) {
      throw new IllegalArgumentException("compression is " + compression + "; expected [20, 1000]");
    }
    return new MergingDigest(compression);
  }

  @Override
  public ThresholdMethod method() {
    return ThresholdMethod.QUANTILE;
  }

  @Override
  public boolean isReady() {
    return observations > 0;
  }

  @Override
  public OptionalDouble current() {
    return isReady()
        ? OptionalDouble.of(digest.quantile(quantile) * margin)
        : OptionalDouble.empty();
  }

  @Override
  public void observe(double score) {
    AdaptiveThreshold.checkScore(score);
    digest.add(score);
    digest.compress();
    observations++;
  }

  @Override
  public long observations() {
    return observations;
  }

  /**
   * Returns the number of centroids the digest holds, the measure of its memory.
   *
   * @return the centroid count
   */
  public int centroidCount() {
    return digest.centroidCount();
  }

  @Override
  public byte[] toBytes() {
    ByteBuffer digestBytes = ByteBuffer.allocate(digest.byteSize());
    digest.asBytes(digestBytes);
    return ThresholdCodec.start(method())
        .putDouble(quantile)
        .putDouble(margin)
        .putDouble(compression)
        .putLong(observations)
        .putBytes(digestBytes.array())
        .toBytes();
  }

  /**
   * Restores a threshold from {@link #toBytes()}.
   *
   * @param bytes the encoded state
   * @return the threshold
   */
  public static QuantileThreshold fromBytes(byte[] bytes) {
    StateReader in = ThresholdCodec.open(bytes, ThresholdMethod.QUANTILE);
    QuantileThreshold threshold = read(in);
    in.expectEnd();
    return threshold;
  }

  static QuantileThreshold read(StateReader in) {
    double quantile = in.getDouble("quantile");
    double margin = in.getDouble("margin");
    double compression = in.getDouble("compression");
    long observations = in.getLong("observations");
    byte[] digestBytes = in.getBytes("digest");
    MergingDigest digest;
    try {
      digest = MergingDigest.fromBytes(ByteBuffer.wrap(digestBytes));
    } catch (IllegalStateException | BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new CorruptStateException(
          "AdaptiveThreshold state: field 'digest' is not a t-digest ("
              + digestBytes.length
              + " bytes)",
          e);
    }
    if (digest.compression() != compression || digest.size() != observations) {
      throw in.invalid(
          "digest",
          "holds compression "
              + digest.compression()
              + " and "
              + digest.size()
              + " scores, expected "
              + compression
              + " and "
              + observations);
    }
    QuantileThreshold threshold = new QuantileThreshold(quantile, margin, compression, digest);
    threshold.observations = observations;
    return threshold;
  }
}
