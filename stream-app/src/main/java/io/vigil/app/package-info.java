/**
 * The Kafka Streams application: its lifecycle ({@link io.vigil.app.VigilApp}), configuration,
 * topic catalogue and topology. Detection logic itself lives in {@code io.vigil.core}; this layer
 * only adapts it to Kafka.
 */
package io.vigil.app;
