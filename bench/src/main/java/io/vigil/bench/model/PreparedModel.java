package io.vigil.bench.model;

import java.nio.file.Path;

/**
 * The model file a run scores with and how it came about.
 *
 * @param file the ONNX model
 * @param choice what was asked for
 * @param seconds time spent training or fitting it; 0 for a given file
 * @param note how it was made, for the report
 */
public record PreparedModel(Path file, ModelChoice choice, double seconds, String note) {}
