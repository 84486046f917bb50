package io.vigil.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds free TCP ports on 127.0.0.1. The controller's port must be known before the broker starts
 * (it is part of the static quorum configuration) and the client port must be known to report the
 * bootstrap address, so both are chosen here rather than left to the operating system at bind time.
 */
final class LoopbackPorts {

  private LoopbackPorts() {}

  /**
   * Returns {@code count} distinct ports that were free a moment ago. Another process may still
   * take one before the broker binds it; {@link EmbeddedKafkaBroker#start} retries in that case.
   *
   * @param count how many ports
   * @return distinct free ports
   */
  static int[] reserve(int count) {
    // All sockets stay open until every port is known, so the same port cannot be handed out twice.
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      InetAddress loopback = InetAddress.getByName(BrokerProperties.LOOPBACK_HOST);
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, loopback);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot find a free port on " + BrokerProperties.LOOPBACK_HOST, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket that never accepted cannot lose anything.
        }
      }
    }
  }
}
