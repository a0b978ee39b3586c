package io.telerisk.hub.api;

import io.telerisk.hub.LoginFrom;
import io.telerisk.hub.config.TrustedProxies;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The login throttle behind a proxy, over real HTTP: {@code 127.0.0.51} plays a trusted load balancer
 * ({@code telerisk.api.trusted-proxies}), {@code 127.0.0.52} a client forging the header. The per-address allowance is
 * configured down to 3 failures to keep the test short.
 */
class LoginBehindProxyTest {
    private static final String PROXY = "127.0.0.51";
    private static ApiFixture hub;

    @BeforeAll
    static void start() {
        hub = ApiFixture.start(ApiFixture.Db.H2, c -> c.withLogin(new io.telerisk.hub.config.ApiConfig.Login(
                TrustedProxies.parse(PROXY + ",10.9.0.0/16"), 3, Duration.ofMinutes(15), 50, Duration.ofSeconds(30))));
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static String wrong(String user) {
        return new JsonObject().put("username", user).put("password", "wrong-password").encode();
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnAllowance() {
        LoginFrom proxy = new LoginFrom(PROXY, hub.port);
        String attacker = "X-Forwarded-For: 198.51.100.7\r\n";
        for (int i = 0; i < 3; i++) assertEquals(401, proxy.post(wrong("acme-farmer"), attacker).status(), "the allowance of 198.51.100.7");
        assertEquals(429, proxy.post(wrong("acme-farmer"), attacker).status(), "198.51.100.7 waits");
        // another client behind the same proxy is not slowed by the first one's failures
        LoginFrom.Answer other = proxy.post(new JsonObject().put("username", "acme-insurer")
                .put("password", hub.acme.passwords().get(io.telerisk.hub.auth.Role.INSURER)).encode(), "X-Forwarded-For: 198.51.100.8\r\n");
        assertEquals(200, other.status(), other.body());
        // the right-most untrusted hop counts: a client prepending made-up addresses is still 198.51.100.7
        assertEquals(429, proxy.post(wrong("acme-farmer"), "X-Forwarded-For: 203.0.113.99, 198.51.100.7\r\n").status(),
                "addresses the client wrote left of its own are not believed");
        // RFC 7239 Forwarded, through two trusted hops (10.9.0.4 is trusted as part of 10.9.0.0/16)
        assertEquals(429, proxy.post(wrong("acme-farmer"), "Forwarded: for=198.51.100.7;proto=https, for=\"10.9.0.4:4711\"\r\n").status(),
                "the right-most address that is not a trusted proxy");
    }

    @Test
    void fromAnUntrustedPeerForwardingHeadersAreIgnored() {
        LoginFrom forger = new LoginFrom("127.0.0.52", hub.port);
        for (int i = 0; i < 3; i++) {
            assertEquals(401, forger.post(wrong("acme-lender"), "X-Forwarded-For: 192.0.2." + i + "\r\n").status());
        }
        assertEquals(429, forger.post(wrong("acme-lender"), "X-Forwarded-For: 192.0.2.200\r\nForwarded: for=192.0.2.201\r\n").status(),
                "a new address in the header does not buy a new allowance: the peer is the client");
    }

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
        TrustedProxies t = TrustedProxies.parse("10.0.0.0/8, 2001:db8::/32");
        assertEquals("192.0.2.1", ClientAddress.of("192.0.2.1", t, List.of(), List.of("10.0.0.1")), "untrusted peer: the peer");
        assertEquals("198.51.100.2", ClientAddress.of("10.1.1.1", t, List.of(), List.of("1.2.3.4, 198.51.100.2", "10.2.2.2")));
        assertEquals("2001:db9::5", ClientAddress.of("2001:db8::1", t, List.of("for=\"[2001:db9::5]:80\", for=10.3.3.3"), List.of()));
        assertEquals("10.3.3.3", ClientAddress.of("10.1.1.1", t, List.of("for=unknown, for=10.3.3.3"), List.of()),
                "an obfuscated hop stops the walk at the last proxy that vouched for it");
        assertEquals("10.1.1.1", ClientAddress.of("10.1.1.1", t, List.of(), List.of()), "no header: the proxy itself");
        assertEquals("198.51.100.9", ClientAddress.of("10.1.1.1", t, List.of(), List.of("198.51.100.9:5555")), "a port is dropped");
        assertEquals("192.0.2.1", ClientAddress.of("192.0.2.1", TrustedProxies.NONE, List.of(), List.of("10.0.0.1")), "nothing trusted by default");
    }
}
