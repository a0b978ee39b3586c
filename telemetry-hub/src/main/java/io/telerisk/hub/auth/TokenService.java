package io.telerisk.hub.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Issues and verifies the API's bearer tokens: HS256 JWTs with claims {@code sub} (username), {@code tenant},
 * {@code roles} and {@code exp}.
 */
public final class TokenService {
    /** Issuer claim, checked on verification. */
    public static final String ISSUER = "telerisk-hub";
    private final JWTAuth jwt;
    private final Duration ttl;

    /** A token and when it stops working. */
    public record IssuedToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[expiresAt=" + expiresAt + ", token=<redacted>]";
        }
    }

    public TokenService(Vertx vertx, String secret, Duration ttl) {
        Objects.requireNonNull(secret, "secret");
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("token TTL must be positive");
        this.ttl = ttl;
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER)));
    }

    /** A signed token for this principal, valid for the configured TTL. */
    public IssuedToken issue(Principal p) {
        JsonArray roles = new JsonArray();
        p.roles().stream().sorted().forEach(r -> roles.add(r.wireName()));
        long ttlSeconds = Math.max(1, ttl.toSeconds());
        String token = jwt.generateToken(new JsonObject().put("tenant", p.tenant()).put("roles", roles),
                new JWTOptions().setAlgorithm("HS256").setSubject(p.username()).setIssuer(ISSUER)
                        .setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, ttlSeconds)));
        return new IssuedToken(token, Instant.now().plusSeconds(ttlSeconds));
    }

    /** Verifies signature, issuer and expiry; fails with a reason for a bad token. */
    public Future<Principal> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
            JsonObject claims = user.principal();
            try {
                String sub = claims.getString("sub");
                String tenant = claims.getString("tenant");
                JsonArray roles = claims.getJsonArray("roles");
                if (sub == null || tenant == null || roles == null || roles.isEmpty()) {
                    return Future.failedFuture("token lacks sub, tenant or roles");
                }
                Set<Role> rs = EnumSet.noneOf(Role.class);
                for (Object r : roles) rs.add(Role.fromWire(String.valueOf(r)));
                return Future.succeededFuture(new Principal(sub, tenant, rs));
            } catch (ClassCastException | IllegalArgumentException e) {
                return Future.failedFuture("malformed token claims: " + e.getMessage());
            }
        });
    }
}
