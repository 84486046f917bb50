/** The Kafka Streams topology, built by one static method that tests call directly. */
package io.vigil.app.topology;
