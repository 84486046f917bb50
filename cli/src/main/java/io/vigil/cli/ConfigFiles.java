package io.vigil.cli;

import io.vigil.app.config.EnvironmentNames;
import io.vigil.app.config.VigilConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Reads the stream application's properties file for the commands that take {@code --config}, with
 * the environment's overrides ({@code VIGIL_*} variables, see {@link EnvironmentNames}).
 */
final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * Reads and validates a configuration file.
   *
   * @param file the properties file
   * @return the configuration
   * @throws IllegalArgumentException when the file is missing or a setting is invalid
   * @throws IOException when it cannot be read
   */
  static VigilConfig load(Path file) throws IOException {
    return loadWithSources(file).config();
  }

  /**
   * Reads and validates a configuration file with the environment's overrides, keeping what each
   * setting came to and where from.
   *
   * @param file the properties file
   * @return the configuration and its effective settings
   * @throws IllegalArgumentException when the file is missing or a setting is invalid
   * @throws IOException when it cannot be read
   */
  static VigilConfig.Loaded loadWithSources(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--config " + file + ": no such file");
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    }
    return VigilConfig.load(props, System.getenv());
  }
}
