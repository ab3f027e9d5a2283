package dev.edgetpunas.nas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.nas.evolution.Evaluation;
import dev.edgetpunas.nas.evolution.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCsvTest {
    @Test
    void fieldsWithCommasOrQuotesAreQuotedAndFailuresHaveEmptyNumbers() {
        String csv = HistoryCsv.format(List.of(
                new Evaluation(0, "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", 0.1, 0.5, 0.1, Status.OK, "", List.of()),
                new Evaluation(1, "r1_k3 r2", Double.NaN, 0.7, Double.NaN, Status.FAILED, "exit code 1: \"oom\", retry", List.of())));
        List<String> lines = csv.lines().toList();
        assertEquals("eval,genome,accuracy,latency_ms,reward,status,reason", lines.get(0));
        assertEquals("0,|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,0.1,0.5,0.1,ok,", lines.get(1));
        assertEquals("1,r1_k3 r2,,0.7,,failed,\"exit code 1: \"\"oom\"\", retry\"", lines.get(2));
        assertTrue(csv.endsWith("\n"));
    }
}
