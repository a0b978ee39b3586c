package io.telerisk.claims.ledger;

/**
 * Result of checking the ledger end to end.
 *
 * @param valid          whether every entry checked out
 * @param entriesChecked entries read
 * @param badSequence    position (0-based) of the first bad entry, or −1
 * @param problem        what is wrong, or empty
 */
public record Verification(boolean valid, int entriesChecked, long badSequence, String problem) {
    static Verification ok(int n) {
        return new Verification(true, n, -1, "");
    }

    static Verification broken(int n, long at, String problem) {
        return new Verification(false, n, at, problem);
    }
}
