package dev.edgetpunas.sim.profile;

/**
 * The {@code accelerator} section: the systolic array, its clock and on-chip memory, the vector path
 * and how depthwise convolutions are mapped. Units are in the names.
 *
 * <pre>{@code
 * AcceleratorSpec a = ProfileLoader.load("edgetpu-usb3-max").accelerator();
 * long macsPerCycle = a.macsPerCycle();               // 64 * 64 = 4096
 * double peakMacsPerSecond = a.peakMacsPerSecond();   // 4096 * 500e6
 * }</pre>
 *
 * @param present false for a host-only profile ({@code cpu-only}): every op then runs on the host and
 *     the other keys of this section are ignored by the simulator (they are still validated)
 * @param rows array rows (processing elements along the reduction dimension K)
 * @param cols array columns (processing elements along the output-channel dimension N)
 * @param dataflow which operand stays in the PEs
 * @param clockMhz array clock in MHz
 * @param sramBytes on-chip SRAM in bytes (shared by cached parameters and, if {@code activationSharing}
 *     is {@code shared}, live activations)
 * @param activationSharing whether live activations take space from the parameter cache
 * @param sramBandwidthBytesPerCycle on-chip operand bandwidth, bytes per array cycle
 * @param doubleBufferedWeights whether the next fold's weights load while the current fold streams
 * @param vectorElementsPerCycle throughput of the vector path (element-wise, pooling, and depthwise
 *     when mapped there), elements per cycle
 * @param depthwiseMapping how depthwise convolutions run
 * @param foldOverheadCycles fixed cost per fold, cycles
 * @param activationSpill what crosses the link when an op's activations do not fit next to the cached
 *     parameters: {@code whole-tensor} (every tensor larger than half the free SRAM lives off chip) or
 *     {@code excess} (only the bytes beyond the free SRAM cross, once)
 * @param convInputReuse the array's input feeder forms conv windows from a line buffer, reading each
 *     input activation once per pass over the output channels instead of kh*kw times as im2col rows
 */
public record AcceleratorSpec(
        boolean present,
        int rows,
        int cols,
        Dataflow dataflow,
        double clockMhz,
        long sramBytes,
        ActivationSharing activationSharing,
        double sramBandwidthBytesPerCycle,
        boolean doubleBufferedWeights,
        double vectorElementsPerCycle,
        DepthwiseMapping depthwiseMapping,
        long foldOverheadCycles,
        boolean convInputReuse,
        ActivationSpill activationSpill) {

    /** Largest accepted {@code rows} and {@code cols}. */
    public static final int MAX_DIMENSION = 65_536;

    public AcceleratorSpec {
        Check.range("accelerator.rows", rows, 1, MAX_DIMENSION);
        Check.range("accelerator.cols", cols, 1, MAX_DIMENSION);
        Check.present("accelerator.dataflow", dataflow);
        Check.positive("accelerator.clockMhz", clockMhz);
        Check.positive("accelerator.sramBytes", sramBytes);
        Check.present("accelerator.activationSharing", activationSharing);
        Check.positive("accelerator.sramBandwidthBytesPerCycle", sramBandwidthBytesPerCycle);
        Check.positive("accelerator.vectorElementsPerCycle", vectorElementsPerCycle);
        Check.present("accelerator.depthwiseMapping", depthwiseMapping);
        Check.nonNegative("accelerator.foldOverheadCycles", foldOverheadCycles);
        Check.present("accelerator.activationSpill", activationSpill);
    }

    /** MACs the array completes per cycle at full utilization: {@code rows * cols}. */
    public long macsPerCycle() {
        return (long) rows * cols;
    }

    /** Clock in Hz. */
    public double clockHz() {
        return clockMhz * 1e6;
    }

    /** Peak MACs per second: {@code rows * cols * clock}. */
    public double peakMacsPerSecond() {
        return macsPerCycle() * clockHz();
    }

    /** Which operand stays in the processing elements (SCALE-Sim's three dataflows). */
    public enum Dataflow implements ProfileEnum {
        /** Weight-stationary (the Edge TPU assumption). */
        WS("ws"),
        /** Output-stationary. */
        OS("os"),
        /** Input-stationary. */
        IS("is");

        private final String id;

        Dataflow(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** What crosses the link when an op's activations do not fit in the free SRAM. */
    public enum ActivationSpill implements ProfileEnum {
        /** Each tensor larger than half of the free SRAM lives off chip for the whole op (and an
         *  off-chip input is re-read per pass over the output channels). */
        WHOLE_TENSOR("whole-tensor"),
        /** Only the bytes of the op's working set beyond the free SRAM cross the link, once, as a
         *  transfer that overlaps compute like streamed parameters. */
        EXCESS("excess");

        private final String id;

        ActivationSpill(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** Whether live activations share the SRAM with cached parameters. */
    public enum ActivationSharing implements ProfileEnum {
        /** Activations and cached parameters share {@code sramBytes} (the compiler reserves room). */
        SHARED("shared"),
        /** Activations have their own memory; all of {@code sramBytes} caches parameters. */
        SEPARATE("separate");

        private final String id;

        ActivationSharing(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** How a depthwise convolution is run (it does not fit a weight-stationary array directly). */
    public enum DepthwiseMapping implements ProfileEnum {
        /** On the vector path, at {@code vectorElementsPerCycle}. */
        VECTOR("vector"),
        /** Block-diagonal packing: floor(rows / (kh*kw)) channels per fold. */
        BLOCK_DIAGONAL("block-diagonal"),
        /** One channel per fold. */
        CHANNEL_SERIAL("channel-serial");

        private final String id;

        DepthwiseMapping(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }
}
