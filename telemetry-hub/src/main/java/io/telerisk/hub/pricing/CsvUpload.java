package io.telerisk.hub.pricing;

import java.util.Objects;

/**
 * A CSV request body as it arrived: the bytes undecoded (their charset may be GBK, UTF-16, … as the Content-Type
 * declares) and the Content-Type header that declares it.
 *
 * @param bytes       the body
 * @param contentType the request's Content-Type, e.g. {@code text/csv; charset=GBK}
 */
public record CsvUpload(byte[] bytes, String contentType) {
    public CsvUpload {
        Objects.requireNonNull(bytes, "bytes");
    }
}
