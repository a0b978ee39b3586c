package io.telerisk.pricing.score.tf;

import io.telerisk.pricing.score.DriverFeatures;
import io.telerisk.pricing.score.SimulatedPortfolio;
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
 * Trains a small neural Poisson frequency model with TensorFlow's core API (graph mode, no Keras/framework):
 * standardised {@link DriverFeatures} → one ReLU hidden layer → log annual claim rate; loss is the Poisson negative
 * log-likelihood with log(exposure) offset plus L2 on weights, minimised by full-batch Adam. Exports a SavedModel
 * whose serving signature maps {@code features} [n, 8] (raw, standardisation is inside the graph) to
 * {@code log_rate} [n].
 */
public final class TfRiskModel {
    /** Signature input and output names of the exported model. */
    public static final String INPUT = "features", OUTPUT = "log_rate";

    /**
     * @param hidden       hidden units
     * @param steps        full-batch Adam steps
     * @param learningRate Adam step size
     * @param l2           L2 penalty on weights
     * @param seed         weight initialisation seed
     */
    public record Config(int hidden, int steps, float learningRate, float l2, long seed) {
        public static Config defaults() { return new Config(32, 1200, 0.01f, 1e-3f, 17); }
    }

    /** Training outcome: final mean loss and the standardisation baked into the graph. */
    public record Trained(double finalLoss, float[] featureMean, float[] featureStd, double meanRate) {}

    private TfRiskModel() {}

    public static Trained trainAndExport(SimulatedPortfolio data, Config cfg, Path exportDir) throws IOException {
        int n = data.size(), d = DriverFeatures.NAMES.size(), h = cfg.hidden();
        float[] mean = new float[d], std = new float[d];
        for (double[] row : data.features()) for (int j = 0; j < d; j++) mean[j] += (float) (row[j] / n);
        for (double[] row : data.features()) for (int j = 0; j < d; j++) std[j] += (float) ((row[j] - mean[j]) * (row[j] - mean[j]) / n);
        for (int j = 0; j < d; j++) std[j] = (float) Math.max(1e-6, Math.sqrt(std[j]));
        double sumY = 0, sumE = 0;
        for (int i = 0; i < n; i++) {
            sumY += data.claims()[i];
            sumE += data.exposure()[i];
        }
        double meanRate = sumY / sumE;
        float[][] xs = new float[n][d];
        float[] logE = new float[n], ys = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) xs[i][j] = (float) data.features()[i][j];
            logE[i] = (float) Math.log(data.exposure()[i]);
            ys[i] = (float) data.claims()[i];
        }
        Random rnd = new Random(cfg.seed());
        float[][] w1Init = new float[d][h];
        for (float[] r : w1Init) for (int k = 0; k < h; k++) r[k] = (float) (rnd.nextGaussian() * Math.sqrt(2.0 / d));
        float[][] w2Init = new float[h][1];
        for (float[] r : w2Init) r[0] = (float) (rnd.nextGaussian() * 0.01);

        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
            Placeholder<TFloat32> offset = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> beta1Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> beta2Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Operand<TFloat32> z = tf.math.div(tf.math.sub(x, tf.constant(mean)), tf.constant(std));
            Variable<TFloat32> w1 = tf.variable(tf.constant(w1Init));
            Variable<TFloat32> b1 = tf.variable(tf.constant(new float[h]));
            Variable<TFloat32> w2 = tf.variable(tf.constant(w2Init));
            Variable<TFloat32> b2 = tf.variable(tf.constant(new float[] {(float) Math.log(meanRate)}));
            // gradients are taken with respect to reads of the variables: the C API crashes when asked for the
            // gradient of a reference-typed Variable output directly
            Operand<TFloat32> w1r = tf.identity(w1), b1r = tf.identity(b1), w2r = tf.identity(w2), b2r = tf.identity(b2);
            Operand<TFloat32> hidden = tf.nn.relu(tf.math.add(tf.linalg.matMul(z, w1r), b1r));
            Operand<TFloat32> eta = tf.reshape(tf.math.add(tf.linalg.matMul(hidden, w2r), b2r), tf.constant(new int[] {-1}));
            Operand<TFloat32> logRate = tf.withName(OUTPUT).identity(eta);
            Operand<TFloat32> etaOff = tf.math.add(eta, offset);
            Operand<TFloat32> nll = tf.math.mean(tf.math.sub(tf.math.exp(etaOff), tf.math.mul(y, etaOff)), tf.constant(0));
            Operand<TFloat32> penalty = tf.math.mul(tf.constant(cfg.l2()), tf.math.add(
                    tf.reduceSum(tf.math.square(w1r), tf.constant(new int[] {0, 1})),
                    tf.reduceSum(tf.math.square(w2r), tf.constant(new int[] {0, 1}))));
            Operand<TFloat32> loss = tf.math.add(nll, penalty);
            List<Variable<TFloat32>> vars = List.of(w1, b1, w2, b2);
            Gradients grads = tf.gradients(loss, List.of(w1r, b1r, w2r, b2r));
            List<Op> updates = new ArrayList<>();
            float[][][] zeros2 = {new float[d][h], null, new float[h][1], null};
            for (int k = 0; k < vars.size(); k++) {
                Variable<TFloat32> v = vars.get(k);
                Variable<TFloat32> m = k % 2 == 0 ? tf.variable(tf.constant(zeros2[k])) : tf.variable(tf.constant(new float[k == 1 ? h : 1]));
                Variable<TFloat32> s = k % 2 == 0 ? tf.variable(tf.constant(zeros2[k])) : tf.variable(tf.constant(new float[k == 1 ? h : 1]));
                Operand<TFloat32> grad = grads.<TFloat32>dy(k);
                updates.add(tf.train.applyAdam(v, m, s, beta1Power, beta2Power, tf.constant(cfg.learningRate()),
                        tf.constant(0.9f), tf.constant(0.999f), tf.constant(1e-7f), grad));
            }
            try (Session session = new Session(g);
                 TFloat32 xt = TFloat32.tensorOf(StdArrays.ndCopyOf(xs));
                 TFloat32 et = TFloat32.vectorOf(logE);
                 TFloat32 yt = TFloat32.vectorOf(ys)) {
                session.initialize();
                double last = Double.NaN;
                for (int step = 1; step <= cfg.steps(); step++) {
                    try (TFloat32 p1 = TFloat32.scalarOf((float) Math.pow(0.9, step));
                         TFloat32 p2 = TFloat32.scalarOf((float) Math.pow(0.999, step))) {
                        Session.Runner r = session.runner().feed(x, xt).feed(offset, et).feed(y, yt).feed(beta1Power, p1).feed(beta2Power, p2);
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
                Signature sig = Signature.builder().key(Signature.DEFAULT_KEY).input(INPUT, x).output(OUTPUT, logRate).build();
                SavedModelBundle.exporter(exportDir.toString()).withSession(session).withSignature(sig).export();
                return new Trained(last, mean, std, meanRate);
            }
        }
    }
}
