/** Publishing simulated telemetry to Kafka, for the demo and for `vigil simulate`. */
package io.vigil.app.publish;
