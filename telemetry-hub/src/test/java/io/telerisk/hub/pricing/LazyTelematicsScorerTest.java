package io.telerisk.hub.pricing;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.pricing.score.tf.BundledScoreModel;
import io.telerisk.pricing.score.tf.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading on first use, failures with their reason, the retry back-off and closing. */
class LazyTelematicsScorerTest {
    @TempDir
    Path dir;

    static final List<DailyUsage> USAGE = List.of(new DailyUsage("t", "car", LocalDate.of(2026, 3, 1), 40, 4, 1, 10,
            Duration.ofMinutes(50), 2, 0, 0, 0));

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T00:00:00Z");

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    @Test
    void loadsTheBundledModelOnFirstScoreOnlyAndRefusesAfterClose() throws Exception {
        LazyTelematicsScorer s = LazyTelematicsScorer.of(null, Clock.systemUTC());
        assertEquals(LazyTelematicsScorer.State.NOT_LOADED, s.state(), "nothing is loaded before a quote needs it");
        double score = s.score(USAGE, 30);
        assertTrue(score > 0 && score < 100, "score " + score);
        assertEquals(LazyTelematicsScorer.State.LOADED, s.state());
        assertTrue(s.model().startsWith("telematics-frequency-nn created "), s.model());
        s.close();
        assertThrows(ScoreModelUnavailableException.class, () -> s.score(USAGE, 30));
    }

    @Test
    void corruptSavedModelFailsWithItsReasonAndIsRetriedOnlyAfterTheBackOff() throws Exception {
        Path model = dir.resolve("corrupt");
        BundledScoreModel.copyTo(model);
        Files.writeString(model.resolve("saved_model.pb"), "this is not a protocol buffer");
        TestClock clock = new TestClock();
        LazyTelematicsScorer s = LazyTelematicsScorer.of(model, clock);
        ScoreModelUnavailableException e = assertThrows(ScoreModelUnavailableException.class, () -> s.score(USAGE, 30));
        assertTrue(e.getMessage().contains(model.toAbsolutePath().toString()), e.getMessage());
        assertEquals(1, s.loadFailures());
        assertEquals(LazyTelematicsScorer.State.FAILED, s.state());

        assertThrows(ScoreModelUnavailableException.class, () -> s.score(USAGE, 30));
        assertEquals(1, s.loadFailures(), "within the back-off the failure is remembered, not retried");
        clock.advance(LazyTelematicsScorer.RETRY_AFTER.plusSeconds(1));
        assertThrows(ScoreModelUnavailableException.class, () -> s.score(USAGE, 30));
        assertEquals(2, s.loadFailures(), "after the back-off the directory is tried again");

        BundledScoreModel.copyTo(model); // an operator repairs the directory
        clock.advance(LazyTelematicsScorer.RETRY_AFTER.plusSeconds(1));
        assertTrue(s.score(USAGE, 30) > 0);
        assertEquals(LazyTelematicsScorer.State.LOADED, s.state());
        s.close();
    }

    @Test
    void unreadableModelCardAndForeignFeaturesAreFailedLoadsNamingTheProblem() throws Exception {
        Path garbled = dir.resolve("garbled");
        BundledScoreModel.copyTo(garbled);
        Files.writeString(garbled.resolve(ModelCard.JSON), "{\"name\": ");
        ScoreModelUnavailableException e = assertThrows(ScoreModelUnavailableException.class,
                () -> LazyTelematicsScorer.of(garbled, Clock.systemUTC()).score(USAGE, 30));
        assertTrue(e.getMessage().contains(garbled.toAbsolutePath().toString()) && e.getMessage().contains("end-of-input"), e.getMessage());

        Path foreign = dir.resolve("foreign");
        BundledScoreModel.copyTo(foreign);
        Files.writeString(foreign.resolve(ModelCard.JSON), Files.readString(foreign.resolve(ModelCard.JSON))
                .replace("\"nightShare\"", "\"nightShareOfMiles\""));
        e = assertThrows(ScoreModelUnavailableException.class, () -> LazyTelematicsScorer.of(foreign, Clock.systemUTC()).score(USAGE, 30));
        assertTrue(e.getMessage().contains("expects features"), e.getMessage());

        LazyTelematicsScorer missing = LazyTelematicsScorer.of(dir.resolve("nothing-here"), Clock.systemUTC());
        e = assertThrows(ScoreModelUnavailableException.class, () -> missing.score(USAGE, 30));
        assertTrue(e.getMessage().contains("no " + ModelCard.JSON), e.getMessage());
    }
}
