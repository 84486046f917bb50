/**
 * The first stage of the topology: raw bytes from the input topics become validated records keyed
 * by device, and everything that cannot be used becomes a dead letter saying where it came from and
 * why.
 */
package io.vigil.app.ingest;
