package io.telerisk.hub.claims;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A text response written from a worker as it is produced (chunked transfer encoding): text gathers up to
 * {@value #CHUNK_CHARS} characters, then goes out as one chunk, and the worker waits until the connection has taken
 * it before producing more. So the hub holds one chunk per export, however large the export, and a slow client slows
 * the producer (and its database cursor) instead of filling the heap. A client gone for {@value #STALL_SECONDS} s
 * ends the export.
 */
final class ChunkedText implements LedgerReads.Sink, AutoCloseable {
    static final int CHUNK_CHARS = 64 * 1024;
    static final long STALL_SECONDS = 120;
    private final HttpServerResponse response;
    private final StringBuilder pending = new StringBuilder(CHUNK_CHARS + 1024);

    /** Starts the response: 200, the content type, chunked. */
    ChunkedText(HttpServerResponse response, String contentType) {
        this.response = Objects.requireNonNull(response, "response");
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", contentType);
    }

    @Override
    public void write(CharSequence text) {
        pending.append(text);
        if (pending.length() >= CHUNK_CHARS) flush();
    }

    private void flush() {
        if (pending.isEmpty()) return;
        Buffer chunk = Buffer.buffer(pending.toString());
        pending.setLength(0);
        await(response.write(chunk).toCompletionStage().toCompletableFuture());
    }

    /** Sends what is left and ends the response. */
    @Override
    public void close() {
        flush();
        await(response.end().toCompletionStage().toCompletableFuture());
    }

    private static void await(java.util.concurrent.CompletableFuture<Void> written) {
        try {
            written.get(STALL_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("export interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClientGone(e);
        }
    }

    /** The client closed the connection or stopped reading: the export stops where it is. */
    static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super("the client stopped reading the export: " + cause, cause);
        }
    }
}
