package io.vigil.cli;

import io.vigil.broker.BrokerSettings;
import io.vigil.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * The embedded broker with SASL_PLAINTEXT and SASL_SSL listeners beside its PLAINTEXT one: PLAIN
 * with one user in the listener's JAAS settings, SCRAM-SHA-512 with one user created through the
 * admin API, and a self-signed certificate for 127.0.0.1 made with the JDK's keytool at test time.
 */
final class SecureBroker implements AutoCloseable {
  static final String PLAIN_USER = "alice";
  static final String PLAIN_PASSWORD = "alice-pw-3141";
  static final String SCRAM_USER = "bob";
  static final String SCRAM_PASSWORD = "bob-pw-2718";
  static final String STORE_PASSWORD = "store-pw-1618";

  private final EmbeddedKafkaBroker broker;
  private final Path truststore;

  private SecureBroker(EmbeddedKafkaBroker broker, Path truststore) {
    this.broker = broker;
    this.truststore = truststore;
  }

  static SecureBroker start(Path dir) throws Exception {
    Path keystore = dir.resolve("broker.p12");
    Path certificate = dir.resolve("broker.pem");
    Path truststore = dir.resolve("truststore.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore.toString(),
        "-storepass",
        STORE_PASSWORD);
    String plain =
        "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
            + PLAIN_USER
            + "=\""
            + PLAIN_PASSWORD
            + "\";";
    String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
    BrokerSettings settings =
        BrokerSettings.defaults(dir.resolve("broker"))
            .withSecuredListener("SASL_PLAINTEXT")
            .withSecuredListener("SASL_SSL")
            .withOverride("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
    for (String listener : List.of("sasl_plaintext", "sasl_ssl")) {
      String prefix = "listener.name." + listener + ".";
      settings =
          settings
              .withOverride(prefix + "plain.sasl.jaas.config", plain)
              .withOverride(prefix + "scram-sha-512.sasl.jaas.config", scram);
    }
    settings =
        settings
            .withOverride("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12")
            .withOverride("listener.name.sasl_ssl.ssl.keystore.location", keystore.toString())
            .withOverride("listener.name.sasl_ssl.ssl.keystore.password", STORE_PASSWORD)
            .withOverride("listener.name.sasl_ssl.ssl.key.password", STORE_PASSWORD);
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      SCRAM_USER,
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                      SCRAM_PASSWORD)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      broker.close();
      throw e;
    }
    return new SecureBroker(broker, truststore);
  }

  EmbeddedKafkaBroker broker() {
    return broker;
  }

  /** Vigil configuration lines for PLAIN over SASL_PLAINTEXT with this password. */
  List<String> plain(String password) {
    return List.of(
        "vigil.bootstrap.servers=" + broker.bootstrapServers("SASL_PLAINTEXT"),
        "kafka.security.protocol=SASL_PLAINTEXT",
        "kafka.sasl.mechanism=PLAIN",
        jaas("org.apache.kafka.common.security.plain.PlainLoginModule", PLAIN_USER, password));
  }

  /** Vigil configuration lines for SCRAM-SHA-512 over SASL_SSL with this password. */
  List<String> scramOverTls(String password) {
    return List.of(
        "vigil.bootstrap.servers=" + broker.bootstrapServers("SASL_SSL"),
        "kafka.security.protocol=SASL_SSL",
        "kafka.sasl.mechanism=SCRAM-SHA-512",
        jaas("org.apache.kafka.common.security.scram.ScramLoginModule", SCRAM_USER, password),
        "kafka.ssl.truststore.type=PKCS12",
        "kafka.ssl.truststore.location=" + truststore,
        "kafka.ssl.truststore.password=" + STORE_PASSWORD);
  }

  private static String jaas(String module, String user, String password) {
    return "kafka.sasl.jaas.config="
        + module
        + " required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }

  @Override
  public void close() {
    broker.close();
  }
}
