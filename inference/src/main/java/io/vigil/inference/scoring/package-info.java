/**
 * Pure scoring maths of the model contract, with no ONNX imports: how a window and its
 * reconstruction become channel scores and a score, by the contract's formula ({@link
 * io.vigil.inference.scoring.ReconstructionError}) or by a model's own ({@link
 * io.vigil.inference.scoring.ScoreFormula}: a stillness term, a root-mean score). The runtime
 * adapter uses it for models that do not compute the scores in their graph; trainers use it to
 * score their training windows as the graph will, and tests use it as the reference for the graphs.
 */
package io.vigil.inference.scoring;
