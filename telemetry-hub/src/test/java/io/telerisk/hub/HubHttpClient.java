package io.telerisk.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The REST client the hub's API tests share: bearer tokens, bounded waits, failures as unchecked exceptions. */
public final class HubHttpClient {
    // HTTP/1.1 as the hub serves it: the JDK client's default h2c upgrade attempt occasionally misframes against it
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Duration timeout;

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:8080}
     * @param timeout per request
     */
    public HubHttpClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    public URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    /** GET with the bearer token, if not null. */
    public HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b.build());
    }

    /** POST a body of this content type with the bearer token, if not null. */
    public HttpResponse<String> post(String pathAndQuery, String token, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b.build());
    }

    /** POST raw bytes (e.g. a GBK-encoded CSV) of this content type with the bearer token, if not null. */
    public HttpResponse<String> post(String pathAndQuery, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + r.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
