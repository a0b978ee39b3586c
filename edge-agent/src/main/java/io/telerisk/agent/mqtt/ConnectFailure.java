package io.telerisk.agent.mqtt;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;

/**
 * Why a connection attempt failed, in words a field installer can act on. Paho wraps socket and TLS errors in an
 * {@code MqttException} whose own message is often just "Untranslated MqttException - RC: 0"; the cause chain holds
 * what happened.
 */
public final class ConnectFailure {
    private ConnectFailure() {
    }

    /** One line: what failed and, where it is clear, what to check. */
    public static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (c instanceof CertificateException || m.contains("PKIX") || m.contains("unable to find valid certification path")) {
                return "TLS: the broker's certificate is not trusted (" + shorten(m) + "); check --cafile";
            }
            if (c instanceof SSLException) {
                if (m.contains("bad_certificate") || m.contains("certificate_required") || m.contains("unknown_ca")) {
                    return "TLS: the broker refused this device's client certificate (" + shorten(m) + "); check --keystore";
                }
                return "TLS handshake failed (" + shorten(m) + ")";
            }
            if (c instanceof UnknownHostException) return "unknown broker host " + shorten(m) + "; check --broker";
            if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
                return "broker unreachable (" + shorten(m) + ")";
            }
            if (c instanceof SocketTimeoutException) return "broker did not answer in time (" + shorten(m) + ")";
        }
        if (t instanceof org.eclipse.paho.mqttv5.common.MqttException e) {
            int rc = e.getReasonCode();
            if (rc == 0x86 || rc == 0x87 || rc == 4 || rc == 5) {
                return "broker refused the credentials (reason " + rc + ": " + shorten(e.getMessage()) + "); check --token / --tenant / --device";
            }
            if (rc == 0x80 && e.getCause() == null && "Untranslated MqttException - RC: 0".equals(e.getMessage())) {
                return "connection failed without a reason from the broker";
            }
            return "MQTT error " + rc + ": " + shorten(e.getMessage());
        }
        return shorten(String.valueOf(t.getMessage()));
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
