package io.vigil.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.PropertiesUtils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory the way {@code kafka-storage format} does, and only when it has
 * never been formatted. A KRaft node refuses to start on an unformatted directory, and formatting a
 * used one again with a fresh cluster id fails; so {@code meta.properties} decides: absent means
 * format with a new cluster id, present means reuse the directory and its cluster id.
 */
final class StorageFormat {

  static final String META_PROPERTIES = "meta.properties";

  private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);

  private StorageFormat() {}

  /**
   * Formats {@code dataDir} unless it already holds {@code meta.properties}.
   *
   * @param config the broker configuration whose log directory is {@code dataDir}
   * @param dataDir the broker's only log directory, which also holds the metadata log
   * @return the cluster id stored in the directory
   */
  static String formatIfAbsent(KafkaConfig config, Path dataDir) {
    Path metaProperties = dataDir.resolve(META_PROPERTIES);
    if (Files.exists(metaProperties)) {
      return readClusterId(metaProperties);
    }
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      // The same steps as kafka.tools.StorageTool#runFormatCommand for a node with a static
      // quorum (controller.quorum.voters set): the release version defaults to the latest
      // production metadata version and the features to their defaults for it.
      new Formatter()
          .setPrintStream(out)
          .setNodeId(config.nodeId())
          .setClusterId(clusterId)
          .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
          .setIgnoreFormatted(false)
          .setControllerListenerName(config.controllerListenerNames().get(0))
          .setMetadataLogDirectory(config.metadataLogDir())
          .setHasDynamicQuorum(config.quorumConfig().voters().isEmpty())
          .setDirectories(config.logDirs())
          .run();
    } catch (Exception e) {
      throw new BrokerException(
          "cannot format Kafka storage in " + dataDir + " with cluster id " + clusterId, e);
    }
    LOG.debug(
        "Formatted {} with cluster id {}: {}",
        dataDir,
        clusterId,
        report.toString(StandardCharsets.UTF_8).strip());
    return clusterId;
  }

  private static String readClusterId(Path metaProperties) {
    MetaProperties properties;
    try {
      properties =
          new MetaProperties.Builder(PropertiesUtils.readPropertiesFile(metaProperties.toString()))
              .build();
    } catch (IOException | RuntimeException e) {
      throw new BrokerException("cannot read " + metaProperties, e);
    }
    return properties
        .clusterId()
        .orElseThrow(
            () ->
                new BrokerException(
                    metaProperties + " has no cluster.id; delete the directory to reformat", null));
  }
}
