package io.telerisk.agent.mqtt;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * Builds the {@link SSLSocketFactory} for a TLS connection to the broker from a CA file (PEM, one or more
 * certificates) or a truststore, plus an optional client keystore for X.509 device authentication.
 * Errors name the file and what is wrong with it.
 */
public final class TlsSocketFactories {
    private TlsSocketFactories() {
    }

    /**
     * @param caPemOrTrustStore PEM CA bundle ({@code .pem}/{@code .crt}) or a PKCS#12/JKS truststore; {@code null}
     *                          for the JVM's default trust
     * @param trustStorePassword password of a truststore (ignored for PEM), may be {@code null}
     * @param clientKeystore    PKCS#12/JKS keystore with the device key and certificate, or {@code null}
     * @param keystorePassword  its password, may be {@code null}
     */
    public static SSLSocketFactory create(Path caPemOrTrustStore, char[] trustStorePassword, Path clientKeystore,
                                          char[] keystorePassword) {
        try {
            TrustManager[] tms = null;
            if (caPemOrTrustStore != null) {
                KeyStore trust = isPem(caPemOrTrustStore) ? fromPem(caPemOrTrustStore) : load(caPemOrTrustStore, trustStorePassword);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                tms = tmf.getTrustManagers();
            }
            KeyManager[] kms = null;
            if (clientKeystore != null) {
                KeyStore ks = load(clientKeystore, keystorePassword);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, keystorePassword == null ? new char[0] : keystorePassword);
                kms = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kms, tms, null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** Loads every certificate of a PEM file into an in-memory truststore. */
    public static KeyStore fromPem(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) throw new TlsSetupException("no certificate in " + pem);
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) ks.setCertificateEntry("ca-" + i++, c);
            return ks;
        } catch (IOException e) {
            throw new TlsSetupException("cannot read CA file " + pem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("CA file " + pem + " holds no valid X.509 PEM certificate: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password) {
        String type = file.toString().toLowerCase().endsWith(".jks") ? "JKS" : "PKCS12";
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password);
            return ks;
        } catch (IOException e) {
            // a file that is no store at all fails here with a null message: say what was expected instead
            throw new TlsSetupException(file + " is not a readable " + type + " store (wrong password, or not a "
                    + "keystore at all: a CA file must hold PEM certificates, '-----BEGIN CERTIFICATE-----')"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("keystore " + file + " is not a valid " + type + " store: " + e.getMessage(), e);
        }
    }

    private static boolean isPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64);
            return new String(head, java.nio.charset.StandardCharsets.US_ASCII).contains("-----BEGIN");
        } catch (IOException e) {
            throw new TlsSetupException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A TLS file is missing, unreadable or not what it should be: a setup error (exit 1), not a usage error. */
    public static final class TlsSetupException extends IllegalArgumentException {
        TlsSetupException(String message) {
            super(message);
        }

        TlsSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
