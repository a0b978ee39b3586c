package io.telerisk.hub.config;

/**
 * HTTPS on the REST API: a PEM certificate chain with its PEM private key, or a PKCS#12 keystore with its password.
 * {@link #NONE} serves plain HTTP (behind a TLS-terminating proxy, or on a private interface). The keystore password
 * is kept out of {@link #toString()}.
 *
 * @param certPath         PEM certificate chain, or {@code null}
 * @param keyPath          PEM private key (PKCS#8 or PKCS#1), or {@code null}
 * @param keystorePath     PKCS#12 keystore holding key and chain, or {@code null}
 * @param keystorePassword password of the keystore ({@code ""} when it has none)
 */
public record ApiTls(String certPath, String keyPath, String keystorePath, String keystorePassword) {
    /** Plain HTTP. */
    public static final ApiTls NONE = new ApiTls(null, null, null, "");

    public ApiTls {
        certPath = blankToNull(certPath);
        keyPath = blankToNull(keyPath);
        keystorePath = blankToNull(keystorePath);
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
        if ((certPath == null) != (keyPath == null)) {
            throw new IllegalArgumentException("API TLS needs both a PEM certificate and its key (tls-cert and tls-key), or neither");
        }
        if (certPath != null && keystorePath != null) {
            throw new IllegalArgumentException("API TLS: give either a PEM certificate and key or a PKCS#12 keystore, not both");
        }
    }

    /** PEM certificate chain and key. */
    public static ApiTls pem(String certPath, String keyPath) {
        return new ApiTls(certPath, keyPath, null, "");
    }

    /** PKCS#12 keystore. */
    public static ApiTls pkcs12(String keystorePath, String password) {
        return new ApiTls(null, null, keystorePath, password);
    }

    /** Whether the API serves HTTPS. */
    public boolean enabled() {
        return certPath != null || keystorePath != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        if (!enabled()) return "ApiTls[off]";
        return certPath != null ? "ApiTls[pem " + certPath + ", " + keyPath + "]" : "ApiTls[pkcs12 " + keystorePath + "]";
    }
}
