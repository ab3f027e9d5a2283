package dev.edgetpunas.training.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void everyIndexRunsExactlyOnce() {
        try (Parallel par = Parallel.of(3)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(1000);
            par.forEach(1000, 7, hits::incrementAndGet);
            for (int i = 0; i < 1000; i++) assertEquals(1, hits.get(i), "index " + i);
        }
    }

    @Test
    void nestedCallsFromWorkerThreadsDoNotDeadlock() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Parallel par = Parallel.of(2)) {
                AtomicIntegerArray hits = new AtomicIntegerArray(64 * 64);
                par.forEach(64, i -> par.forEach(64, j -> hits.incrementAndGet(i * 64 + j)));
                for (int k = 0; k < hits.length(); k++) assertEquals(1, hits.get(k));
            }
        });
    }

    @Test
    void theFirstFailureIsRethrownToTheCaller() {
        try (Parallel par = Parallel.of(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> par.forEach(100, i -> {
                if (i == 42) throw new IllegalStateException("boom at " + i);
            }));
            assertEquals("boom at 42", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Parallel.of(0));
    }
}
