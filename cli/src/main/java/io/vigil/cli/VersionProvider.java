package io.vigil.cli;

import picocli.CommandLine;

/** Reports the version the jar was built as. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Vigil.class.getPackage().getImplementationVersion();
    return new String[] {"vigil " + (version == null ? "(development build)" : version)};
  }
}
