/**
 * `vigil demo`: an embedded broker, a simulated fleet publishing frames, the stream application,
 * and a live console view of what comes out, ending with one `demo summary:` line.
 */
package io.vigil.app.demo;
