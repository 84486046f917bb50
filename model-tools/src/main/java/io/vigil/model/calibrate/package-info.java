/**
 * The suggested threshold a model carries in {@code vigil.suggested_threshold}: a high quantile of
 * the scores of windows the model did not train on (the validation split), times a margin. It is
 * the threshold a detector uses until its adaptive threshold has learned the device, and the fixed
 * one of the STATIC method.
 */
package io.vigil.model.calibrate;
