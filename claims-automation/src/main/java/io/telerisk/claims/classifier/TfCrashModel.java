package io.telerisk.claims.classifier;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains the crash classifier with TensorFlow Java's core API in graph mode, the way pricing-engine's TfRiskModel
 * does: standardised {@link CrashFeatures} → dense ReLU layer → dense 1 → sigmoid; weighted binary cross-entropy
 * (crashes weighted up, since a missed crash costs more than a reviewed false alarm) plus L2 on weights; full-batch
 * Adam. Exports a SavedModel whose serving signature maps {@value #INPUT} [n, 8] (raw features; standardisation is in
 * the graph) to {@value #OUTPUT} [n].
 */
public final class TfCrashModel {
    public static final String INPUT = "features", OUTPUT = "crash_probability";

    /**
     * @param hidden       hidden units
     * @param steps        full-batch Adam steps
     * @param learningRate Adam step size
     * @param l2           L2 penalty on weights
     * @param crashWeight  loss weight of a crash example relative to a non-crash
     * @param seed         weight initialisation seed
     */
    public record Config(int hidden, int steps, float learningRate, float l2, float crashWeight, long seed) {
        public static Config defaults() {
            return new Config(16, 800, 0.02f, 1e-4f, 6f, 7);
        }
    }

    private TfCrashModel() {
    }

    /** Trains on rows of features with labels 1 (crash) / 0 and exports the SavedModel; returns the final loss. */
    public static double trainAndExport(float[][] xs, float[] labels, Config cfg, Path exportDir) throws IOException {
        int n = xs.length, d = CrashFeatures.NAMES.size(), h = cfg.hidden();
        if (n == 0 || labels.length != n) throw new IllegalArgumentException("need as many labels as rows, at least one");
        float[] mean = new float[d], std = new float[d];
        for (float[] r : xs) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        for (float[] r : xs) for (int j = 0; j < d; j++) std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
        for (int j = 0; j < d; j++) std[j] = (float) Math.max(1e-6, Math.sqrt(std[j]));
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) weights[i] = labels[i] > 0.5f ? cfg.crashWeight() : 1f;
        Random rnd = new Random(cfg.seed());
        float[][] w1Init = new float[d][h];
        for (float[] r : w1Init) for (int k = 0; k < h; k++) r[k] = (float) (rnd.nextGaussian() * Math.sqrt(2.0 / d));
        float[][] w2Init = new float[h][1];
        for (float[] r : w2Init) r[0] = (float) (rnd.nextGaussian() * Math.sqrt(1.0 / h));

        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
            Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> wt = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> beta1Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> beta2Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Operand<TFloat32> z = tf.math.div(tf.math.sub(x, tf.constant(mean)), tf.constant(std));
            Variable<TFloat32> w1 = tf.variable(tf.constant(w1Init));
            Variable<TFloat32> b1 = tf.variable(tf.constant(new float[h]));
            Variable<TFloat32> w2 = tf.variable(tf.constant(w2Init));
            Variable<TFloat32> b2 = tf.variable(tf.constant(new float[1]));
            // gradients with respect to reads of the variables (the C API cannot differentiate reference outputs)
            Operand<TFloat32> w1r = tf.identity(w1), b1r = tf.identity(b1), w2r = tf.identity(w2), b2r = tf.identity(b2);
            Operand<TFloat32> hidden = tf.nn.relu(tf.math.add(tf.linalg.matMul(z, w1r), b1r));
            Operand<TFloat32> logit = tf.reshape(tf.math.add(tf.linalg.matMul(hidden, w2r), b2r), tf.constant(new int[] {-1}));
            Operand<TFloat32> p = tf.math.sigmoid(logit);
            Operand<TFloat32> prob = tf.withName(OUTPUT).identity(p);
            Operand<TFloat32> eps = tf.constant(1e-6f), one = tf.constant(1f);
            Operand<TFloat32> ce = tf.math.neg(tf.math.add(
                    tf.math.mul(y, tf.math.log(tf.math.add(p, eps))),
                    tf.math.mul(tf.math.sub(one, y), tf.math.log(tf.math.add(tf.math.sub(one, p), eps)))));
            Operand<TFloat32> bce = tf.math.div(tf.reduceSum(tf.math.mul(wt, ce), tf.constant(0)), tf.reduceSum(wt, tf.constant(0)));
            Operand<TFloat32> penalty = tf.math.mul(tf.constant(cfg.l2()), tf.math.add(
                    tf.reduceSum(tf.math.square(w1r), tf.constant(new int[] {0, 1})),
                    tf.reduceSum(tf.math.square(w2r), tf.constant(new int[] {0, 1}))));
            Operand<TFloat32> loss = tf.math.add(bce, penalty);
            List<Variable<TFloat32>> vars = List.of(w1, b1, w2, b2);
            Gradients grads = tf.gradients(loss, List.of(w1r, b1r, w2r, b2r));
            List<Op> updates = new ArrayList<>();
            for (int k = 0; k < vars.size(); k++) {
                Operand<TFloat32> zeros = switch (k) {
                    case 0 -> tf.constant(new float[d][h]);
                    case 1 -> tf.constant(new float[h]);
                    case 2 -> tf.constant(new float[h][1]);
                    default -> tf.constant(new float[1]);
                };
                Variable<TFloat32> m = tf.variable(zeros), s = tf.variable(zeros);
                updates.add(tf.train.applyAdam(vars.get(k), m, s, beta1Power, beta2Power, tf.constant(cfg.learningRate()),
                        tf.constant(0.9f), tf.constant(0.999f), tf.constant(1e-7f), grads.<TFloat32>dy(k)));
            }
            try (Session session = new Session(g);
                 TFloat32 xt = TFloat32.tensorOf(StdArrays.ndCopyOf(xs));
                 TFloat32 yt = TFloat32.vectorOf(labels);
                 TFloat32 wtt = TFloat32.vectorOf(weights)) {
                session.initialize();
                double last = Double.NaN;
                for (int step = 1; step <= cfg.steps(); step++) {
                    try (TFloat32 p1 = TFloat32.scalarOf((float) Math.pow(0.9, step));
                         TFloat32 p2 = TFloat32.scalarOf((float) Math.pow(0.999, step))) {
                        Session.Runner r = session.runner().feed(x, xt).feed(y, yt).feed(wt, wtt).feed(beta1Power, p1).feed(beta2Power, p2);
                        for (Op u : updates) r.addTarget(u);
                        if (step == cfg.steps() || step % 50 == 0) {
                            try (Result res = r.fetch(loss).run()) {
                                last = ((TFloat32) res.get(0)).getFloat();
                            }
                            if (!Double.isFinite(last)) throw new ArithmeticException("training diverged at step " + step);
                        } else {
                            r.run().close();
                        }
                    }
                }
                Signature sig = Signature.builder().key(Signature.DEFAULT_KEY).input(INPUT, x).output(OUTPUT, prob).build();
                SavedModelBundle.exporter(exportDir.toString()).withSession(session).withSignature(sig).export();
                return last;
            }
        }
    }
}
