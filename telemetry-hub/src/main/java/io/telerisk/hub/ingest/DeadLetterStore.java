package io.telerisk.hub.ingest;

import java.io.IOException;
import java.util.List;

/**
 * Where rejected messages go. Ingestion never stops for a rejection: the message is recorded here, counted in
 * {@link IngestStats}, and acknowledged. The REST API reads {@link #search}.
 *
 * <p>Implementations are thread-safe. {@link #append(List)} is called from the ingest writer thread, one call per
 * batch, so it may block briefly on disk I/O.
 */
public interface DeadLetterStore extends AutoCloseable {

    /** Records these dead letters (written and flushed to the OS; not fsynced, see docs/ingest.md). */
    void append(List<DeadLetter> deadLetters) throws IOException;

    /** The most recent dead letters, newest first, at most {@code limit}. */
    List<DeadLetter> recent(int limit) throws IOException;

    /** How many of the most recent dead letters {@link #search} looks through when the store cannot filter itself. */
    int SEARCH_SCAN = 10_000;

    /**
     * One page of the dead letters matching the query, newest first. This default filters the {@link #SEARCH_SCAN}
     * most recent in memory; a store that can filter (SQL) looks through all it keeps.
     */
    default DeadLetterQuery.Page search(DeadLetterQuery q) throws IOException {
        List<DeadLetter> recent = recent(SEARCH_SCAN);
        List<DeadLetter> matching = recent.stream().filter(q::matches).toList();
        int from = Math.min(matching.size(), q.offset());
        int to = (int) Math.min(matching.size(), (long) q.offset() + q.limit());
        return new DeadLetterQuery.Page(matching.subList(from, to), matching.size(), recent.size());
    }

    @Override
    void close() throws IOException;
}
