package dev.edgetpunas.nas.evolution;

import java.util.ArrayList;
import java.util.List;

/**
 * The non-dominated set (accuracy up, latency down) of every successful evaluation added. A point equal
 * to one already in the archive does not enter (the earlier evaluation stays). Not thread-safe; the
 * engine adds in candidate order.
 *
 * <pre>{@code
 * ParetoArchive a = new ParetoArchive();
 * history.forEach(a::add);
 * a.front();   // by latency, ascending (so accuracy ascending too)
 * }</pre>
 */
public final class ParetoArchive {
    private final List<Evaluation> front = new ArrayList<>();

    /** Offers {@code e}; returns true if it joined the front. Failed evaluations are ignored. */
    public boolean add(Evaluation e) {
        if (!e.succeeded()) return false;
        for (Evaluation q : front) {
            if (q.latencyMs() <= e.latencyMs() && q.accuracy() >= e.accuracy()) return false;
        }
        front.removeIf(q -> e.latencyMs() <= q.latencyMs() && e.accuracy() >= q.accuracy());
        int i = 0;
        while (i < front.size() && front.get(i).latencyMs() < e.latencyMs()) i++;
        front.add(i, e);
        return true;
    }

    /** The front, by latency ascending. */
    public List<Evaluation> front() {
        return List.copyOf(front);
    }

    public int size() {
        return front.size();
    }
}
