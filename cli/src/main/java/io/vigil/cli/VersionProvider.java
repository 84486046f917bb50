package io.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Reports the version the jar was built as and the git commit it was built from, both written into
 * {@code build.properties} by the build.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
  static final String RESOURCE = "build.properties";

  @Override
  public String[] getVersion() {
    Properties build = buildInfo();
    return new String[] {
      "vigil "
          + build.getProperty("version", "unknown version")
          + " ("
          + build.getProperty("commit", "unknown commit")
          + ")",
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  static Properties buildInfo() {
    Properties build = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the jar", e);
    }
    return build;
  }
}
