package io.telerisk.pricing.rating;

import io.telerisk.pricing.plan.Variable;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a plan needs to rate one policy for one period, in slots indexed by {@link Variable#ordinal()} so the
 * hot path reads arrays, not maps. Build it with {@link #builder(String)}; missing numbers are NaN, missing
 * categories {@code null}. Immutable once built.
 */
public final class RatingInput {
    private static final int N = Variable.values().length;

    private final String policyId;
    private final double[] numeric;
    private final String[] categorical;
    private final double priorAdjustment;

    private RatingInput(String policyId, double[] numeric, String[] categorical, double priorAdjustment) {
        this.policyId = policyId;
        this.numeric = numeric;
        this.categorical = categorical;
        this.priorAdjustment = priorAdjustment;
    }

    public String policyId() { return policyId; }

    /** Numeric value of a variable, NaN when absent. */
    public double number(Variable v) { return numeric[v.ordinal()]; }

    /** Category of a variable, {@code null} when absent. */
    public String category(Variable v) { return categorical[v.ordinal()]; }

    double numberAt(int slot) { return numeric[slot]; }

    String categoryAt(int slot) { return categorical[slot]; }

    /** Telematics adjustment applied at the previous renewal, NaN for a new policy. */
    public double priorAdjustment() { return priorAdjustment; }

    /** A builder pre-filled with this input's values. */
    public Builder toBuilder() {
        Builder b = new Builder(policyId);
        System.arraycopy(numeric, 0, b.numeric, 0, N);
        System.arraycopy(categorical, 0, b.categorical, 0, N);
        b.priorAdjustment = priorAdjustment;
        return b;
    }

    public static Builder builder(String policyId) { return new Builder(policyId); }

    /**
     * Builds an input from a name → value profile (numbers or strings), as in plan test cases and the CLI.
     * cappedDistanceKm defaults to distanceKm when absent.
     */
    public static RatingInput fromProfile(String policyId, Map<String, ?> profile, Double priorAdjustment) {
        Builder b = builder(policyId);
        for (Map.Entry<String, ?> e : profile.entrySet()) {
            Variable v = Variable.byId(e.getKey()).orElseThrow(() ->
                    new RatingException(RatingException.Reason.BAD_INPUT, "unknown variable '" + e.getKey() + "'"));
            Object val = e.getValue();
            if (v.kind() == Variable.Kind.CATEGORICAL) {
                // a level written as a JSON number (territory: 3) is the label "3", not "3.0"
                boolean integral = val instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15;
                b.set(v, integral ? Long.toString(((Number) val).longValue()) : String.valueOf(val));
            } else if (val instanceof Number n) {
                b.set(v, n.doubleValue());
            } else {
                try {
                    b.set(v, Double.parseDouble(String.valueOf(val).trim()));
                } catch (NumberFormatException ex) {
                    throw new RatingException(RatingException.Reason.BAD_INPUT, v.id() + " must be a number, got '" + val + "'");
                }
            }
        }
        if (Double.isNaN(b.numeric[Variable.CAPPED_DISTANCE_KM.ordinal()])) {
            b.numeric[Variable.CAPPED_DISTANCE_KM.ordinal()] = b.numeric[Variable.DISTANCE_KM.ordinal()];
        }
        if (priorAdjustment != null) b.priorAdjustment(priorAdjustment);
        return b.build();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RatingInput[").append(policyId);
        for (Variable v : Variable.values()) {
            if (!Double.isNaN(numeric[v.ordinal()])) sb.append(", ").append(v.id()).append('=').append(numeric[v.ordinal()]);
            if (categorical[v.ordinal()] != null) sb.append(", ").append(v.id()).append('=').append(categorical[v.ordinal()]);
        }
        return sb.append(']').toString();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String policyId;
        private final double[] numeric = new double[N];
        private final String[] categorical = new String[N];
        private double priorAdjustment = Double.NaN;

        private Builder(String policyId) {
            this.policyId = Objects.requireNonNull(policyId, "policyId");
            Arrays.fill(numeric, Double.NaN);
        }

        /** Sets a numeric variable; non-finite values are refused. */
        public Builder set(Variable v, double value) {
            if (v.kind() != Variable.Kind.NUMERIC) {
                throw new RatingException(RatingException.Reason.BAD_INPUT, v.id() + " is categorical, got number " + value);
            }
            if (!Double.isFinite(value)) throw new RatingException(RatingException.Reason.BAD_INPUT, v.id() + " must be finite, got " + value);
            numeric[v.ordinal()] = value;
            return this;
        }

        /** Sets a categorical variable. */
        public Builder set(Variable v, String level) {
            if (v.kind() != Variable.Kind.CATEGORICAL) {
                throw new RatingException(RatingException.Reason.BAD_INPUT, v.id() + " is numeric, got '" + level + "'");
            }
            categorical[v.ordinal()] = Objects.requireNonNull(level, v.id());
            return this;
        }

        /** Sets a variable by document name, parsing numbers for numeric variables. */
        public Builder set(String name, String value) {
            Variable v = Variable.byId(name).orElseThrow(() ->
                    new RatingException(RatingException.Reason.BAD_INPUT, "unknown variable '" + name + "'"));
            if (v.kind() == Variable.Kind.CATEGORICAL) return set(v, value);
            try {
                return set(v, Double.parseDouble(value.trim()));
            } catch (NumberFormatException e) {
                throw new RatingException(RatingException.Reason.BAD_INPUT, name + " must be a number, got '" + value + "'");
            }
        }

        public Builder priorAdjustment(double adjustment) {
            if (!(adjustment > 0) || !Double.isFinite(adjustment)) {
                throw new RatingException(RatingException.Reason.BAD_INPUT, "prior adjustment must be > 0, got " + adjustment);
            }
            this.priorAdjustment = adjustment;
            return this;
        }

        public RatingInput build() {
            return new RatingInput(policyId, numeric.clone(), categorical.clone(), priorAdjustment);
        }
    }
}
