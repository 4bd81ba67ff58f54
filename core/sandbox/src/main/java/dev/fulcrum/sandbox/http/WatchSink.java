package dev.fulcrum.sandbox.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

/** Where a watch writes its events: a chunked HTTP response (one JSON line each) or a WebSocket (one message each). */
interface WatchSink {

  void send(byte[] frame);

  boolean full();

  /**
   * Whether the client has gone. The close handler runs on the connection's context too, so a drain already queued
   * can still find the connection closed and must not touch it (a closed WebSocket throws on writeQueueFull).
   */
  boolean isClosed();

  void onDrain(Runnable action);

  void onClosed(Runnable action);

  /** Ends the stream normally (the client re-watches from its last resourceVersion). */
  void end();

  /** Drops the connection at once (a watcher too slow to keep up). */
  void abort();

  static WatchSink chunked(HttpServerResponse response) {
    return new WatchSink() {
      @Override
      public void send(byte[] frame) {
        response.write(Buffer.buffer(frame.length + 1).appendBytes(frame).appendByte((byte) '\n'));
      }

      @Override
      public boolean full() {
        return response.writeQueueFull();
      }

      @Override
      public void onDrain(Runnable action) {
        response.drainHandler(v -> action.run());
      }

      @Override
      public boolean isClosed() {
        return response.closed() || response.ended();
      }

      @Override
      public void onClosed(Runnable action) {
        response.closeHandler(v -> action.run());
      }

      @Override
      public void end() {
        if (!response.ended() && !response.closed()) {
          response.end();
        }
      }

      @Override
      public void abort() {
        response.reset();
      }
    };
  }

  static WatchSink webSocket(ServerWebSocket socket) {
    return new WatchSink() {
      @Override
      public void send(byte[] frame) {
        socket.writeTextMessage(new String(frame, java.nio.charset.StandardCharsets.UTF_8));
      }

      @Override
      public boolean full() {
        return socket.writeQueueFull();
      }

      @Override
      public void onDrain(Runnable action) {
        socket.drainHandler(v -> action.run());
      }

      @Override
      public boolean isClosed() {
        return socket.isClosed();
      }

      @Override
      public void onClosed(Runnable action) {
        socket.closeHandler(v -> action.run());
      }

      @Override
      public void end() {
        if (!socket.isClosed()) {
          socket.close();
        }
      }

      @Override
      public void abort() {
        socket.close((short) 1011, "watcher too slow");
      }
    };
  }
}
