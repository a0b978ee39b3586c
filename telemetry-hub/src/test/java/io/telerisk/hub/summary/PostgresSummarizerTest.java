package io.telerisk.hub.summary;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.testkit.PostgresDatabase;

/** The summariser suite with the telemetry store and the system of record on PostgreSQL 15. */
class PostgresSummarizerTest extends SummarizerTest {
    private PostgresDatabase pg;

    @Override
    protected SystemOfRecord openSystemOfRecord() {
        pg = PostgresDatabase.create();
        return SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 4);
    }

    @Override
    protected void afterClose() {
        pg.close();
    }
}
