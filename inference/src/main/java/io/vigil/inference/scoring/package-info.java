/**
 * Pure reconstruction-error maths of the model contract, with no ONNX imports: how a window and its
 * reconstruction become channel scores and a score. The runtime adapter uses it for models that do
 * not compute the scores in their graph, and tests use it as the reference.
 */
package io.vigil.inference.scoring;
