package io.vigil.model.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Vigil version this code was built as, written into every model's provenance. */
public final class VigilVersion {
  private static final String VERSION = load();

  private VigilVersion() {}

  /** Returns the version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} outside a build. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in =
        VigilVersion.class.getResourceAsStream("/io/vigil/model/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "unknown");
      // An unfiltered resource (an IDE build) still says ${project.version}.
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
