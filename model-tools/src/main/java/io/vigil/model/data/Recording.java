package io.vigil.model.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What a reader produced: one or more {@link Series} with the same channels, and a description of
 * the source for the model's provenance.
 *
 * @param source the data source as a user would name it, e.g. a path or {@code kafka:topic}
 * @param series the series, at least one, all with the same channels in the same order
 */
public record Recording(String source, List<Series> series) {

  /** Checks that there is data and that every series has the same channels. */
  public Recording {
    series = List.copyOf(series);
    if (series.isEmpty()) {
      throw new IllegalArgumentException(source + ": no rows were read");
    }
    List<String> channels = series.get(0).channels();
    for (Series s : series) {
      if (!s.channels().equals(channels)) {
        throw new IllegalArgumentException(
            source
                + ": "
                + s.name()
                + " has channels "
                + s.channels()
                + ", expected "
                + channels
                + " like "
                + series.get(0).name());
      }
    }
  }

  /** Returns the channel names, in order. */
  public List<String> channels() {
    return series.get(0).channels();
  }

  /** Returns the number of rows over all series. */
  public long rows() {
    long rows = 0;
    for (Series s : series) {
      rows += s.rows();
    }
    return rows;
  }

  /** Returns the earliest row time, or null when there are no rows. */
  public Instant firstTime() {
    Long first = null;
    for (Series s : series) {
      if (s.rows() > 0 && (first == null || s.time(0) < first)) {
        first = s.time(0);
      }
    }
    return first == null ? null : Instant.ofEpochMilli(first);
  }

  /** Returns the latest row time, or null when there are no rows. */
  public Instant lastTime() {
    Long last = null;
    for (Series s : series) {
      if (s.rows() > 0 && (last == null || s.time(s.rows() - 1) > last)) {
        last = s.time(s.rows() - 1);
      }
    }
    return last == null ? null : Instant.ofEpochMilli(last);
  }

  /**
   * Returns the SHA-256 of the data: channel names, then per series its times and values
   * (little-endian). Two recordings with the same rows hash alike whatever file format held them,
   * so the hash in a model's provenance identifies the data, not the file.
   */
  public String contentHash() {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    digest.update(String.join("\u0000", channels()).getBytes(StandardCharsets.UTF_8));
    for (Series s : series) {
      ByteBuffer row = ByteBuffer.allocate(Long.BYTES + Float.BYTES * s.channelCount());
      row.order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < s.rows(); i++) {
        row.clear();
        row.putLong(s.time(i));
        for (int f = 0; f < s.channelCount(); f++) {
          row.putFloat(s.value(i, f));
        }
        digest.update(row.array());
      }
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }
}
