package io.vigil.cli;

import io.vigil.app.startup.StartupException;

/**
 * The modules the developer build carries and the container image leaves out: the embedded broker
 * (with Kafka's broker, raft, metadata, storage and Scala jars, which only it needs) and the demo.
 * cli declares them {@code provided}, so they are on the launcher's class path but not on the
 * image's. A command that needs one asks here before it touches any of its classes; in the image it
 * then ends with one line saying so instead of a {@link NoClassDefFoundError}.
 */
enum DeveloperModule {
  EMBEDDED_BROKER(
      "the embedded Kafka broker", "vigil-embedded-broker", "io.vigil.broker.EmbeddedKafkaBroker"),
  DEMO("the demo", "vigil-demo", "io.vigil.demo.DemoRunner");

  private final String what;
  private final String artifactId;
  private final String probeClass;

  DeveloperModule(String what, String artifactId, String probeClass) {
    this.what = what;
    this.artifactId = artifactId;
    this.probeClass = probeClass;
  }

  /** Whether the module's classes are on this JVM's class path. */
  boolean present() {
    try {
      Class.forName(probeClass, false, DeveloperModule.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * Returns when the module is present, else fails with one line for the console.
   *
   * @param command the subcommand that needs it, e.g. {@code demo}
   * @throws StartupException when this build does not include the module
   */
  void require(String command) {
    if (!present()) {
      throw new StartupException(missing(command), null);
    }
  }

  /** The one line a build without this module answers with. */
  String missing(String command) {
    return "this build does not include "
        + what
        + " (module "
        + artifactId
        + "; the container image leaves it out): run `vigil "
        + command
        + "` from a developer build (./vigil in the repository)";
  }
}
