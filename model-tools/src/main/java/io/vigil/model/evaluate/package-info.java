/**
 * Evaluation on labelled data through the same detection core as the stream: frames go through
 * {@code io.vigil.core.window.WindowAssembler}, windows are scored by the exported ONNX model in
 * ONNX Runtime, and scores go through {@code io.vigil.core.detect.DeviceDetector} (adaptive
 * threshold and alert rule). A row is predicted anomalous when it lies inside an episode the
 * detector reported ({@link io.vigil.model.evaluate.LabelledReplay}); {@link
 * io.vigil.model.evaluate.PointMetrics} and {@link io.vigil.model.evaluate.EpisodeDelay} score the
 * predictions against the labels.
 *
 * <p>{@link io.vigil.model.evaluate.SkabEvaluation} follows the SKAB protocol (per labelled file:
 * fit on the first 400 rows, score the rest) and {@link io.vigil.model.evaluate.SkabReport} prints
 * the result beside the published leaderboard.
 */
package io.vigil.model.evaluate;
