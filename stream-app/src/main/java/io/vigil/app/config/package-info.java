/** Typed, validated configuration of the stream application, read once at start-up. */
package io.vigil.app.config;
