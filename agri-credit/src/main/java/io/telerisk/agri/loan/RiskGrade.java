package io.telerisk.agri.loan;

/** Risk grades from the points of {@link LoanService}; E is not lent to. */
public enum RiskGrade {
    A, B, C, D, E;

    /** Grade for risk points: 0-1 A, 2-3 B, 4-5 C, 6-7 D, 8+ E. */
    public static RiskGrade ofPoints(int points) {
        if (points <= 1) return A;
        if (points <= 3) return B;
        if (points <= 5) return C;
        if (points <= 7) return D;
        return E;
    }
}
