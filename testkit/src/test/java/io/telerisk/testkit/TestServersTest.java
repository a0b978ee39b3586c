package io.telerisk.testkit;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestServersTest {

    @Test
    void mosquittoStopsAndRestartsOnTheSamePort() {
        try (MosquittoBroker b = MosquittoBroker.start()) {
            assertTrue(ServerProcess.isListening(b.port()));
            b.stop();
            assertFalse(ServerProcess.isListening(b.port()));
            b.startAgain();
            assertTrue(ServerProcess.isListening(b.port()));
        }
    }

    @Test
    void mosquittoWithUsersStarts() {
        try (MosquittoBroker b = MosquittoBroker.startWithUsers(java.util.Map.of("acme/dev-1", "s3cret"))) {
            assertTrue(b.isRunning());
        }
    }

    @Test
    void influxKeepsDataAcrossRestart() throws Exception {
        try (InfluxServer i = InfluxServer.start()) {
            i.createDatabase("t");
            var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(i.url() + "/write?db=t"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("m,device=a v=42 1700000000000000000")).build();
            assertEquals(204, http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
            i.stop();
            assertFalse(ServerProcess.isListening(i.port()));
            i.startAgain();
            assertTrue(i.query("t", "SELECT v FROM m").contains("42"));
        }
    }

    @Test
    void postgresDatabaseIsFreshAndDropped() throws Exception {
        String name;
        try (PostgresDatabase pg = PostgresDatabase.create(); Connection c = pg.connect(); Statement s = c.createStatement()) {
            name = pg.name();
            s.execute("CREATE TABLE t (x int)");
            s.execute("INSERT INTO t VALUES (7)");
            try (ResultSet rs = s.executeQuery("SELECT sum(x) FROM t")) {
                rs.next();
                assertEquals(7, rs.getInt(1));
            }
        }
        try (PostgresDatabase other = PostgresDatabase.create(); Connection c = other.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }
}
