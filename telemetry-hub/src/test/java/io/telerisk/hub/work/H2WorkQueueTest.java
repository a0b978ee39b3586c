package io.telerisk.hub.work;

import io.telerisk.hub.store.jdbc.SystemOfRecord;

import java.util.UUID;

class H2WorkQueueTest extends WorkQueueContract {
    private final String url = "jdbc:h2:mem:work-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

    @Override
    SystemOfRecord open() {
        return SystemOfRecord.open(url, "sa", "");
    }
}
