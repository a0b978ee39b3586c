package io.telerisk.hub.work;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;

class PostgresWorkQueueTest extends WorkQueueContract {
    private final PostgresDatabase pg = PostgresDatabase.create();

    @Override
    SystemOfRecord open() {
        return SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password());
    }

    @AfterEach
    void dropDatabase() {
        stop();
        pg.close();
    }
}
