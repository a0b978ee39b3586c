package io.telerisk.hub.store.influx;

import com.sun.net.httpserver.HttpServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The v1 mapping as seen by a real HTTP server on loopback. */
class V1WriteInterceptorTest {
    private HttpServer server;
    private final AtomicReference<String> uri = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            uri.set(ex.getRequestURI().toString());
            auth.set(ex.getRequestHeaders().getFirst("Authorization"));
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void post(String pathAndQuery, String authorization) throws Exception {
        OkHttpClient c = new OkHttpClient.Builder().addNetworkInterceptor(new V1WriteInterceptor()).build();
        Request.Builder rb = new Request.Builder().url("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery)
                .post(RequestBody.create("m f=1i 1", MediaType.get("text/plain")));
        if (authorization != null) rb.header("Authorization", authorization);
        try (Response r = c.newCall(rb.build()).execute()) {
            assertEquals(204, r.code());
        }
    }

    @Test
    void mapsBucketWithRetentionPolicyAndCredentials() throws Exception {
        post("/api/v2/write?org=-&bucket=telemetry%2Fhot&precision=ns", "Token hub:s3cret");
        assertEquals("/write?db=telemetry&rp=hot&precision=n&u=hub&p=s3cret", uri.get());
        assertNull(auth.get(), "credentials travel as u/p, not as a v2 token");
    }

    @Test
    void mapsBucketWithoutPolicyAndMillisecondPrecision() throws Exception {
        post("/api/v2/write?org=-&bucket=telemetry%2F&precision=ms", null);
        assertEquals("/write?db=telemetry&precision=ms", uri.get());
    }

    @Test
    void leavesOtherRequestsAlone() throws Exception {
        post("/query?q=SHOW%20DATABASES", null);
        assertEquals("/query?q=SHOW%20DATABASES", uri.get());
    }
}
