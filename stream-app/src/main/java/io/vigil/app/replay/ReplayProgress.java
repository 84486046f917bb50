package io.vigil.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How far a replay got, as committed with its frames: the source it replays (a content hash), the
 * index of the next frame to publish, the total and the target topic. Stored as JSON in the
 * compacted progress topic under the replay's key.
 *
 * @param source the content hash of the replayed data
 * @param next frames already published (in committed transactions)
 * @param total frames in the replay
 * @param topic the frames topic it publishes to
 */
public record ReplayProgress(String source, long next, long total, String topic) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Whether every frame was published.
   *
   * @return true when {@code next == total}
   */
  public boolean complete() {
    return next >= total;
  }

  /**
   * Encodes the record.
   *
   * @return UTF-8 JSON
   */
  public byte[] toBytes() {
    return JSON.createObjectNode()
        .put("source", source)
        .put("next", next)
        .put("total", total)
        .put("topic", topic)
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a record written by {@link #toBytes()}.
   *
   * @param bytes the value
   * @return the progress
   * @throws IllegalStateException when the bytes are not a progress record
   */
  public static ReplayProgress fromBytes(byte[] bytes) {
    try {
      JsonNode n = JSON.readTree(bytes);
      return new ReplayProgress(
          n.path("source").asText(),
          n.path("next").asLong(),
          n.path("total").asLong(),
          n.path("topic").asText());
    } catch (IOException e) {
      throw new IllegalStateException("a replay progress record is not valid JSON", e);
    }
  }
}
