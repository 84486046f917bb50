package io.vigil.app.ingest;

import io.vigil.schemas.TelemetryFrame;

/**
 * A valid frame whose record key was not its device id: it goes through a repartition topic before
 * detection.
 */
public record MisKeyedFrame(TelemetryFrame frame) {}
