/**
 * Training and evaluation data: readers for CSV (comma or semicolon), JSON lines, Avro container
 * files and a Kafka topic between two timestamps, all producing {@link io.vigil.model.data.Series}
 * (one device's rows in time order, channels chosen by name, optional labels); windowing and the
 * standardisation fitted on training rows. A malformed row fails the read with the file, line and
 * reason, unless {@link io.vigil.model.data.BadRows} asks for it to be skipped, counted and
 * reported.
 *
 * <p>Plain Java apart from the format libraries: no DJL, no ONNX.
 */
package io.vigil.model.data;
