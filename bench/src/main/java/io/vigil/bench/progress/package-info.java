/**
 * What the bench shows while it runs: the phase, the records done, the rate and the time left,
 * redrawn in place on a terminal and as plain periodic lines otherwise.
 */
package io.vigil.bench.progress;
