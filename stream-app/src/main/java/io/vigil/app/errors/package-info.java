/**
 * What happens when processing a record throws despite every processor's own checks: the record is
 * dead-lettered as {@code PROCESSING_FAILED} with its source position and raw bytes, counted, and
 * processing goes on, instead of the stream thread dying on the same record again and again.
 */
package io.vigil.app.errors;
