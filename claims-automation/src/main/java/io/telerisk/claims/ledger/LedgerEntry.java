package io.telerisk.claims.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One state change of a claim in the audit ledger. {@code hash} = SHA-256 over the canonical form of every other field,
 * {@code previousHash} included, so changing, removing or reordering any entry breaks the chain.
 *
 * @param sequence     0, 1, 2, … without gaps
 * @param claimId      the claim
 * @param at           when the change happened
 * @param fromState    previous state, or {@code null} when the claim is created
 * @param toState      new state
 * @param actor        who made it ({@code system}, an adjuster id, …)
 * @param reasonCode   reason code, or {@code null}
 * @param amount       money involved (approved amount, payout), or {@code null}
 * @param detail       free text
 * @param previousHash hash of the previous entry ({@link #GENESIS} for the first)
 * @param hash         this entry's hash
 */
public record LedgerEntry(long sequence, String claimId, Instant at, String fromState, String toState, String actor,
                          String reasonCode, BigDecimal amount, String detail, String previousHash, String hash) {
    /** previousHash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    public LedgerEntry {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(toState, "toState");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        detail = detail == null ? "" : detail;
    }

    /** Builds an entry and computes its hash. */
    public static LedgerEntry create(long sequence, String claimId, Instant at, String fromState, String toState, String actor,
                                     String reasonCode, BigDecimal amount, String detail, String previousHash) {
        String h = hashOf(sequence, claimId, at, fromState, toState, actor, reasonCode, amount, detail == null ? "" : detail, previousHash);
        return new LedgerEntry(sequence, claimId, at, fromState, toState, actor, reasonCode, amount, detail, previousHash, h);
    }

    /** The hash this entry's fields give (equal to {@link #hash()} unless the entry was altered). */
    public String recomputeHash() {
        return hashOf(sequence, claimId, at, fromState, toState, actor, reasonCode, amount, detail, previousHash);
    }

    private static String hashOf(long sequence, String claimId, Instant at, String fromState, String toState, String actor,
                                 String reasonCode, BigDecimal amount, String detail, String previousHash) {
        // length-prefixed fields: no separator inside a value can make two different entries hash alike
        StringBuilder b = new StringBuilder(256);
        for (String f : new String[] {Long.toString(sequence), claimId, at.toString(), fromState, toState, actor, reasonCode,
                amount == null ? null : amount.toPlainString(), detail, previousHash}) {
            if (f == null) b.append("-1:");
            else b.append(f.length()).append(':').append(f);
            b.append(';');
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
