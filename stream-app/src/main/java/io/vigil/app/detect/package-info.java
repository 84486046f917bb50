/**
 * The detection stage: per device, frames are assembled into windows (core), windows of many
 * devices wait in a changelogged store until their micro-batch is full or has lingered long enough,
 * are scored together by ONNX Runtime (inference), and each score goes through the device's
 * detector (core) to become a scored window and, maybe, an anomaly event.
 */
package io.vigil.app.detect;
