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
 * the result beside the published leaderboard. {@link io.vigil.model.evaluate.SkabFolds} chooses
 * settings honestly: each fold runs a grid of {@link io.vigil.model.evaluate.SkabCandidate}s on
 * some folders' files ({@link io.vigil.model.evaluate.SkabSelection}, which sees nothing else) and
 * reports the winners on the other folders' files; {@link io.vigil.model.evaluate.SkabGridRuns}
 * trains each file's model once per model setting and replays it under every policy asked for.
 */
package io.vigil.model.evaluate;
