/**
 * Compact, versioned binary encoding of detection state.
 *
 * <p>Kafka Streams keeps each device's window, threshold and episode state in a state store, so
 * every stateful class in this module encodes itself to bytes and back. The helpers here write
 * big-endian primitives through a {@link java.nio.ByteBuffer} and turn truncated or unknown input
 * into a {@link io.vigil.core.codec.CorruptStateException} that says what was expected where,
 * instead of an {@code IndexOutOfBoundsException} from deep inside a store read.
 */
package io.vigil.core.codec;
