package io.vigil.schemas.serde;

import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DenoisedWindow;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.WindowEmbedding;
import io.vigil.schemas.WindowScore;

/** The serdes of Vigil's topics, one shared instance per record type. */
public final class VigilSerdes {
  private static final AvroSerde<TelemetryFrame> FRAME =
      AvroSerde.of(TelemetryFrame.class, FrameFastReader::new);
  private static final AvroSerde<SensorReading> READING = AvroSerde.of(SensorReading.class);
  private static final AvroSerde<WindowScore> SCORE =
      AvroSerde.withWriter(WindowScore.class, ScoreFastWriter::new);
  private static final AvroSerde<AnomalyEvent> EVENT = AvroSerde.of(AnomalyEvent.class);
  private static final AvroSerde<ThresholdPolicy> POLICY = AvroSerde.of(ThresholdPolicy.class);
  private static final AvroSerde<DeadLetter> DEAD_LETTER = AvroSerde.of(DeadLetter.class);
  private static final AvroSerde<DenoisedWindow> DENOISED = AvroSerde.of(DenoisedWindow.class);
  private static final AvroSerde<WindowEmbedding> EMBEDDING = AvroSerde.of(WindowEmbedding.class);
  private static final JsonFrameSerde JSON_FRAME = new JsonFrameSerde();

  private VigilSerdes() {}

  /** Wide telemetry frames, Avro. */
  public static AvroSerde<TelemetryFrame> frame() {
    return FRAME;
  }

  /** Wide telemetry frames as JSON, as many device gateways emit them. */
  public static JsonFrameSerde jsonFrame() {
    return JSON_FRAME;
  }

  /** Narrow per-sensor readings. */
  public static AvroSerde<SensorReading> reading() {
    return READING;
  }

  /** Scored windows. */
  public static AvroSerde<WindowScore> windowScore() {
    return SCORE;
  }

  /** Anomaly episode events. */
  public static AvroSerde<AnomalyEvent> anomalyEvent() {
    return EVENT;
  }

  /** Threshold policies on the control topic. */
  public static AvroSerde<ThresholdPolicy> thresholdPolicy() {
    return POLICY;
  }

  /** Reconstructed (denoised) windows, an optional output. */
  public static AvroSerde<DenoisedWindow> denoisedWindow() {
    return DENOISED;
  }

  /** Latent codes of windows (embeddings), an optional output. */
  public static AvroSerde<WindowEmbedding> windowEmbedding() {
    return EMBEDDING;
  }

  /** Dead letters. */
  public static AvroSerde<DeadLetter> deadLetter() {
    return DEAD_LETTER;
  }
}
