package io.telerisk.hub.ingest;

import java.io.IOException;
import java.util.List;

/**
 * Where rejected messages go. Ingestion never stops for a rejection: the message is recorded here, counted in
 * {@link IngestStats}, and acknowledged. The REST API reads {@link #recent(int)}.
 *
 * <p>Implementations are thread-safe. {@link #append(List)} is called from the ingest writer thread, one call per
 * batch, so it may block briefly on disk I/O.
 */
public interface DeadLetterStore extends AutoCloseable {

    /** Records these dead letters (written and flushed to the OS; not fsynced, see docs/ingest.md). */
    void append(List<DeadLetter> deadLetters) throws IOException;

    /** The most recent dead letters, newest first, at most {@code limit}. */
    List<DeadLetter> recent(int limit) throws IOException;

    @Override
    void close() throws IOException;
}
