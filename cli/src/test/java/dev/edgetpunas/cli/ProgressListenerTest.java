package dev.edgetpunas.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.nas.evolution.Evaluation;
import dev.edgetpunas.nas.evolution.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

    /** Collects what the bar renders. */
    static final class Capture implements ProgressBarConsumer {
        final List<String> frames = new CopyOnWriteArrayList<>();

        @Override
        public int getMaxRenderedLength() {
            return 160;
        }

        @Override
        public void accept(String rendered) {
            frames.add(rendered);
        }

        @Override
        public void close() {}
    }

    @Test
    void barCountsEvaluationsAndShowsTheBestAndTheFailures() {
        Capture c = new Capture();
        ProgressListener p = new ProgressListener("nasbench201 evolution", c);
        p.started(0, 4);
        p.evaluated(new Evaluation(0, "a", 0.9, 1.0, 0.9, Status.OK, "", List.of()), 1, 4);
        p.evaluated(new Evaluation(1, "b", Double.NaN, 1.0, Double.NaN, Status.FAILED, "exit code 1", List.of()), 2, 4);
        p.evaluated(new Evaluation(2, "c", 0.95, 0.5, 0.97, Status.OK, "", List.of()), 3, 4);
        p.evaluated(new Evaluation(3, "a", 0.9, 1.0, 0.9, Status.CACHED, "", List.of()), 4, 4);
        p.close();
        String last = c.frames.get(c.frames.size() - 1);
        assertTrue(last.contains("nasbench201 evolution"), last);
        assertTrue(last.contains("100%"), last);
        assertTrue(last.contains("4/4"), last);
        assertTrue(last.contains("best 95.00% 0.500ms, 1 failed"), last);
    }

    @Test
    void resumedBarStartsFromTheCheckpoint() {
        Capture c = new Capture();
        ProgressListener p = new ProgressListener("edgetpu evolution", c);
        p.started(30, 60);
        p.close();
        String last = c.frames.get(c.frames.size() - 1);
        assertTrue(last.contains("30/60") && last.contains("resumed at 30"), last);
    }

    @Test
    void targetBarRunsUntilEveryLatencyIsKnown() {
        Capture c = new Capture();
        ProgressListener p = new ProgressListener("nasbench201 evolution", c);
        var t = p.targetProgress();
        t.update(16, 64);
        t.update(48, 64);
        t.update(64, 64);
        String last = c.frames.get(c.frames.size() - 1);
        assertTrue(last.contains("latency target") && last.contains("64/64"), last);
        int frames = c.frames.size();
        p.close();
        assertTrue(c.frames.size() == frames, "the target bar closed itself when done");
    }
}
