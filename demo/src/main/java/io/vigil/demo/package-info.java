/**
 * `vigil demo`: an embedded broker, a simulated fleet publishing frames, the stream application,
 * and a live console view of what comes out, ending with one `demo summary:` line. It sits above
 * the stream application and the embedded broker and nothing in them depends on it; the container
 * image, which runs `vigil run` against a real cluster, leaves this module out.
 */
package io.vigil.demo;
