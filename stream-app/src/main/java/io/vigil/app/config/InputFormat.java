package io.vigil.app.config;

/** How telemetry frames are encoded on the frames topic. */
public enum InputFormat {
  /** Avro single-object encoding of {@code TelemetryFrame}. */
  AVRO,
  /** JSON objects, as written by many device gateways. */
  JSON
}
