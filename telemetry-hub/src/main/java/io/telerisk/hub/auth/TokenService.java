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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and verifies the API's bearer tokens: HS256 JWTs with header {@code kid} and claims {@code sub} (username),
 * {@code tenant}, {@code roles}, {@code ver} (the user's token version, see {@link UserStore#tokenStillValid}),
 * {@code iat} and {@code exp}. The newest {@link SigningKey} signs; every key verifies, chosen by {@code kid}.
 * A token without {@code exp} is refused even when its signature is right: nothing this hub issues lives forever.
 */
public final class TokenService {
    /** Issuer claim, checked on verification. */
    public static final String ISSUER = "telerisk-hub";
    /** Tokens longer than this are refused before any parsing. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    private final Map<String, JWTAuth> byKeyId = new LinkedHashMap<>();
    private final String signingKeyId;
    private final Duration ttl;

    /** A token and when it stops working. */
    public record IssuedToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[expiresAt=" + expiresAt + ", token=<redacted>]";
        }
    }

    /** What a valid token says: who, and the token version of the user it was issued at. */
    public record Verified(Principal principal, long version) {
    }

    /** One key (id {@code k0}): for tests and tools that have a secret at hand. */
    public TokenService(Vertx vertx, String secret, Duration ttl) {
        this(vertx, List.of(new SigningKey("k0", Objects.requireNonNull(secret, "secret"), Instant.EPOCH)), ttl);
    }

    /** @param keys newest first (as {@link SigningKeys#loadOrCreate} returns them); the first one signs */
    public TokenService(Vertx vertx, List<SigningKey> keys, Duration ttl) {
        if (keys.isEmpty()) throw new IllegalArgumentException("at least one signing key is required");
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("token TTL must be positive");
        this.ttl = ttl;
        for (SigningKey k : keys) {
            byKeyId.put(k.id(), JWTAuth.create(vertx, new JWTAuthOptions()
                    .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setId(k.id()).setBuffer(k.secret()))
                    .setJWTOptions(new JWTOptions().setIssuer(ISSUER))));
        }
        this.signingKeyId = keys.get(0).id();
    }

    /** A signed token for this principal at token version 0 (a user whose credentials never changed). */
    public IssuedToken issue(Principal p) {
        return issue(p, 0);
    }

    /** A signed token for this principal and the user's current token version, valid for the configured TTL. */
    public IssuedToken issue(Principal p, long version) {
        JsonArray roles = new JsonArray();
        p.roles().stream().sorted().forEach(r -> roles.add(r.wireName()));
        long ttlSeconds = Math.max(1, ttl.toSeconds());
        String token = byKeyId.get(signingKeyId).generateToken(
                new JsonObject().put("tenant", p.tenant()).put("roles", roles).put("ver", version)
                        .put("jti", UUID.randomUUID().toString()), // two tokens issued in one second still differ
                new JWTOptions().setAlgorithm("HS256").setSubject(p.username()).setIssuer(ISSUER)
                        .setHeader(new JsonObject().put("kid", signingKeyId))
                        .setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, ttlSeconds)));
        return new IssuedToken(token, Instant.now().plusSeconds(ttlSeconds));
    }

    /** Verifies signature, issuer and expiry; fails with a reason for a bad token. */
    public Future<Principal> verify(String token) {
        return verifyToken(token).map(Verified::principal);
    }

    /** Like {@link #verify}, with the token version the token carries (0 when absent). */
    public Future<Verified> verifyToken(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) return Future.failedFuture("token missing or too long");
        JWTAuth jwt = byKeyId.get(keyIdOf(token));
        if (jwt == null) return Future.failedFuture("token signed with an unknown key");
        return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
            JsonObject claims = user.principal();
            try {
                // Vert.x checks exp only when present; a token without it would never expire.
                // Vert.x checks exp only when present (and keeps it in the user's attributes, not the principal);
                // a token without it would never expire.
                if (!(user.get("exp") instanceof Number)) return Future.failedFuture("token has no expiry");
                String sub = claims.getString("sub");
                String tenant = claims.getString("tenant");
                JsonArray roles = claims.getJsonArray("roles");
                if (sub == null || tenant == null || roles == null || roles.isEmpty()) {
                    return Future.failedFuture("token lacks sub, tenant or roles");
                }
                Set<Role> rs = EnumSet.noneOf(Role.class);
                for (Object r : roles) rs.add(Role.fromWire(String.valueOf(r)));
                Object ver = claims.getValue("ver");
                long version = ver == null ? 0 : ((Number) ver).longValue();
                return Future.succeededFuture(new Verified(new Principal(sub, tenant, rs), version));
            } catch (ClassCastException | IllegalArgumentException e) {
                return Future.failedFuture("malformed token claims: " + e.getMessage());
            }
        });
    }

    /** The {@code kid} of the token's header; the signing key's id when there is none (tokens before key ids). */
    private String keyIdOf(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) return signingKeyId;
        try {
            JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8));
            Object kid = header.getValue("kid");
            return kid instanceof String s ? s : signingKeyId;
        } catch (RuntimeException e) {
            return signingKeyId; // malformed: the JWT check below refuses it with its own reason
        }
    }
}
