package dev.edgetpunas.systolic.topology;

import dev.edgetpunas.systolic.workload.ConvWorkload;
import dev.edgetpunas.systolic.workload.DepthwiseWorkload;
import dev.edgetpunas.systolic.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a SCALE-Sim topology file, with SCALE-Sim's meaning: the input size is pre-padded and the
 * output is {@code ceil((H - F + S) / S)}.
 *
 * <pre>{@code
 * TopologyLayer l = new TopologyLayer("Conv1", 229, 229, 7, 7, 3, 64, 2, 2, false, 2);
 * l.toWorkload();   // ConvWorkload with a 112x112 output
 * }</pre>
 *
 * @param name layer name as written
 * @param ifmapH input height, > 0
 * @param ifmapW input width, > 0
 * @param filterH filter height, > 0
 * @param filterW filter width, > 0
 * @param channels input channels, > 0
 * @param numFilters filters (for a depthwise layer: {@code channels * depthMultiplier}), > 0
 * @param strideH vertical stride, > 0
 * @param strideW horizontal stride, > 0
 * @param depthwise a depthwise layer (its name contains {@code DP}, in the conv format)
 * @param line 1-based line number in the file (0 if not from a file)
 */
public record TopologyLayer(String name, int ifmapH, int ifmapW, int filterH, int filterW, int channels, int numFilters,
                            int strideH, int strideW, boolean depthwise, int line) {
    public TopologyLayer {
        if (name == null) throw new IllegalArgumentException("name must not be null");
        if (depthwise && numFilters % channels != 0) {
            throw new IllegalArgumentException("depthwise layer '" + name + "': Num Filter (" + numFilters
                    + ") must be a multiple of Channels (" + channels + ")");
        }
    }

    /** The workload: a {@link DepthwiseWorkload} for depthwise rows, a {@link ConvWorkload} otherwise. */
    public Workload toWorkload() {
        if (depthwise) {
            return DepthwiseWorkload.scaleSim(ifmapH, ifmapW, channels, numFilters / channels, filterH, filterW, strideH, strideW);
        }
        return ConvWorkload.scaleSim(ifmapH, ifmapW, filterH, filterW, channels, numFilters, strideH, strideW);
    }

    /**
     * The layers SCALE-Sim runs for this row: itself, or for a depthwise row one layer per channel named
     * {@code name_i} ({@code i} from 0) with one input channel and {@code numFilters / channels} filters.
     */
    public List<TopologyLayer> scaleSimLayers() {
        if (!depthwise) return List.of(this);
        List<TopologyLayer> out = new ArrayList<>(channels);
        int perChannel = numFilters / channels;
        for (int c = 0; c < channels; c++) {
            out.add(new TopologyLayer(name + "_" + c, ifmapH, ifmapW, filterH, filterW, 1, perChannel, strideH, strideW, false, line));
        }
        return out;
    }
}
