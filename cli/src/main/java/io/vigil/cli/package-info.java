/**
 * The {@code vigil} command line: one picocli command per task, each a thin shell over the stream
 * app, the simulator and the model tools. Usage errors exit with 2, failures with 1.
 */
package io.vigil.cli;
