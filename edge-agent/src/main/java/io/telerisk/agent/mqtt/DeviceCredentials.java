package io.telerisk.agent.mqtt;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a device proves who it is to the broker: a token (username {@code tenant/deviceId}, the token as password)
 * or an X.509 client certificate in a keystore (TLS client authentication; username still sent so the broker's
 * ACLs can name the device), or nothing (lab brokers only).
 */
public sealed interface DeviceCredentials permits DeviceCredentials.Token, DeviceCredentials.ClientCertificate, DeviceCredentials.None {

    /** Username {@code tenant/deviceId} and a per-device token as password. */
    record Token(String username, char[] token) implements DeviceCredentials {
        public Token {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(token, "token");
            token = token.clone();
        }

        @Override
        public char[] token() {
            return token.clone();
        }

        @Override
        public String toString() {
            return "Token[username=" + username + ", token=***]"; // never log a secret
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Token t && t.username.equals(username) && Arrays.equals(t.token, token);
        }

        @Override
        public int hashCode() {
            return username.hashCode();
        }
    }

    /** A PKCS#12 (or JKS) keystore holding the device's private key and certificate. */
    record ClientCertificate(Path keystore, char[] password) implements DeviceCredentials {
        public ClientCertificate {
            Objects.requireNonNull(keystore, "keystore");
            password = password == null ? new char[0] : password.clone();
        }

        @Override
        public String toString() {
            return "ClientCertificate[keystore=" + keystore + "]";
        }
    }

    /** No credentials. */
    record None() implements DeviceCredentials {
    }

    /** Token credentials for a device: username {@code tenant/deviceId}. */
    static DeviceCredentials token(String tenant, String deviceId, String token) {
        return new Token(tenant + "/" + deviceId, token.toCharArray());
    }
}
