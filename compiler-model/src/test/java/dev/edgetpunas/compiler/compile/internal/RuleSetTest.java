package dev.edgetpunas.compiler.compile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.compiler.compile.CompilerVersion;
import dev.edgetpunas.compiler.compile.OpStatus;
import dev.edgetpunas.compiler.graph.Activation;
import dev.edgetpunas.compiler.graph.Bytes;
import dev.edgetpunas.compiler.graph.DType;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.Padding;
import dev.edgetpunas.compiler.graph.Shape;
import dev.edgetpunas.compiler.graph.Tensor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {
    private static final RuleSet V2 = RuleSet.forVersion(CompilerVersion.V2_0);
    private static final RuleSet V16 = RuleSet.forVersion(CompilerVersion.V16_0);

    /** A one-op graph: tensors as given (index 0.. in order), inputs = the non-constant tensors no op produces. */
    private static final class One {
        final List<Tensor> ts = new ArrayList<>();

        int act(DType d, int... shape) {
            ts.add(Tensor.activation("t" + ts.size(), Shape.of(shape), d));
            return ts.size() - 1;
        }

        int act(int... shape) {
            return act(DType.INT8, shape);
        }

        int cst(DType d, int... shape) {
            ts.add(Tensor.constant("c" + ts.size(), Shape.of(shape), d));
            return ts.size() - 1;
        }

        int cst(int... shape) {
            return cst(DType.INT8, shape);
        }

        int data(Tensor t) {
            ts.add(t);
            return ts.size() - 1;
        }

        Graph graph(Op op) {
            List<Integer> ins = new ArrayList<>();
            for (int t = 0; t < ts.size(); t++) if (!ts.get(t).constant() && !op.outputs().contains(t)) ins.add(t);
            return new Graph("one", ts, List.of(op), ins, op.outputs());
        }

        Verdict check(RuleSet r, Op op) {
            return r.check(graph(op), op);
        }
    }

    private static Op conv(int x, int w, int y, int dh, int dw) {
        return new Op.Conv2D(List.of(x, w), List.of(y), Padding.SAME, 1, 1, dh, dw, Activation.NONE);
    }

    @Test
    void bothRuleFilesLoadAndStateTheirVersion() {
        assertEquals("2.0", V2.version());
        assertEquals("16.0", V16.version());
        assertEquals(CompilerVersion.V16_0.fullVersion(), V16.fullVersion());
        assertEquals(CompilerVersion.V2_0.fullVersion(), V2.fullVersion());
    }

    @Test
    void the2019TableLacksTheOpsAddedLater() {
        for (String op : List.of("EXPAND_DIMS", "PACK", "QUANTIZE", "SUM", "TRANSPOSE_CONV", "UNIDIRECTIONAL_SEQUENCE_LSTM")) {
            assertFalse(V2.lists(op), op + " came after July 2019");
            assertTrue(V16.lists(op), op + " is in the newest table");
        }
        for (String op : List.of("CONV_2D", "DEPTHWISE_CONV_2D", "ADD", "MUL", "MEAN", "LOGISTIC", "SOFTMAX", "RESIZE_BILINEAR")) {
            assertTrue(V2.lists(op) && V16.lists(op), op);
        }
        assertFalse(V2.lists("HARD_SWISH") || V16.lists("HARD_SWISH"), "HARD_SWISH is in no version of the table");
    }

    @Test
    void floatTensorsAreAnUnsupportedDataType() {
        One o = new One();
        int x = o.act(DType.FLOAT32, 1, 8, 8, 3), w = o.cst(DType.FLOAT32, 4, 1, 1, 3), y = o.act(DType.FLOAT32, 1, 8, 8, 4);
        Verdict v = o.check(V16, conv(x, w, y, 1, 1));
        assertEquals(OpStatus.UNSUPPORTED_DATA_TYPE, v.status());
        assertTrue(v.reason().contains("'t0' is FLOAT32"), v.reason());
    }

    @Test
    void int32BiasesAndShapeConstantsAreAllowedButFloatWeightsAreNot() {
        One o = new One();
        int x = o.act(1, 8, 8, 3), w = o.cst(DType.FLOAT32, 4, 1, 1, 3), b = o.cst(DType.INT32, 4), y = o.act(1, 8, 8, 4);
        Op c = new Op.Conv2D(List.of(x, w, b), List.of(y), Padding.SAME, 1, 1, 1, 1, Activation.NONE);
        assertEquals(OpStatus.UNSUPPORTED_DATA_TYPE, o.check(V16, c).status(), "hybrid (float-weight) models do not map");
        One p = new One();
        int x2 = p.act(1, 8, 8, 3), w2 = p.cst(4, 1, 1, 3), b2 = p.cst(DType.INT32, 4), y2 = p.act(1, 8, 8, 4);
        assertTrue(p.check(V16, new Op.Conv2D(List.of(x2, w2, b2), List.of(y2), Padding.SAME, 1, 1, 1, 1, Activation.NONE)).mapped());
    }

    @Test
    void onlyTheThreeInnermostDimensionsMayExceedOne() {
        One o = new One();
        int x = o.act(2, 8, 8, 3), y = o.act(2, 8, 8, 3);
        Verdict v = o.check(V16, new Op.Relu(List.of(x), List.of(y)));
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, v.status());
        assertTrue(v.reason().contains("3 innermost"), v.reason());
        One p = new One();
        int a = p.act(1, 1, 8, 8, 3), b = p.act(1, 1, 8, 8, 3);
        assertTrue(p.check(V16, new Op.Relu(List.of(a), List.of(b))).mapped(), "leading 1s are fine at any rank");
    }

    @Test
    void dilationMustAgreeAndThe2019CompilerMapsNoDilatedDepthwise() {
        One o = new One();
        int x = o.act(1, 16, 16, 4), w = o.cst(4, 3, 3, 4), y = o.act(1, 16, 16, 4);
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, o.check(V16, conv(x, w, y, 2, 1)).status());
        assertTrue(o.check(V16, conv(x, w, y, 2, 2)).mapped());
        One d = new One();
        int dx = d.act(1, 16, 16, 4), dw = d.cst(1, 3, 3, 4), dy = d.act(1, 16, 16, 4);
        Op dil = new Op.DepthwiseConv2D(List.of(dx, dw), List.of(dy), Padding.SAME, 1, 1, 1, 2, 2, Activation.NONE);
        assertTrue(d.check(V16, dil).mapped(), "DeepLab's atrous depthwise convs map under 16");
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, d.check(V2, dil).status());
    }

    @Test
    void nonConstantWeightsDoNotMap() {
        One o = new One();
        int x = o.act(1, 16), w = o.act(4, 16), y = o.act(1, 4);
        Verdict v = o.check(V16, new Op.FullyConnected(List.of(x, w), List.of(y), Activation.NONE, false));
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, v.status());
        assertTrue(v.reason().contains("not constant"), v.reason());
    }

    @Test
    void softmaxMapsOnlyOneDimensionalUpTo16000Elements() {
        One a = new One();
        int x = a.act(1, 16000), y = a.act(1, 16000);
        assertTrue(a.check(V16, new Op.Softmax(List.of(x), List.of(y), 1f)).mapped());
        One b = new One();
        int x2 = b.act(1, 16001), y2 = b.act(1, 16001);
        Verdict v = b.check(V16, new Op.Softmax(List.of(x2), List.of(y2), 1f));
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, v.status());
        assertTrue(v.reason().contains("16,000"), v.reason());
        One c = new One();
        int x3 = c.act(1, 33, 33, 21), y3 = c.act(1, 33, 33, 21);
        assertTrue(c.check(V16, new Op.Softmax(List.of(x3), List.of(y3), 1f)).reason().contains("not 1-D"));
    }

    private static Verdict mean(RuleSet r, List<Integer> axes, int... shape) {
        One o = new One();
        int x = o.act(shape);
        int[] out = shape.clone();
        for (int a : axes) out[a < 0 ? a + shape.length : a] = 1;
        int y = o.act(out);
        return o.check(r, new Op.Mean(List.of(x), List.of(y), axes, true));
    }

    @Test
    void meanLimitsDifferByVersion() {
        assertTrue(mean(V2, List.of(1, 2), 1, 7, 7, 1280).mapped());
        assertTrue(mean(V16, List.of(1, 2), 1, 112, 112, 32).mapped(), "B0's first SE MEAN");
        assertTrue(mean(V16, List.of(3), 1, 7, 7, 8).mapped(), "z-reduction of a multiple of 4");
        assertTrue(mean(V16, List.of(-1), 1, 7, 7, 6).reason().contains("multiple of 4"));
        assertTrue(mean(V2, List.of(3), 1, 7, 7, 8).reason().contains("height and width only"));
        assertTrue(mean(V16, List.of(0), 2, 7, 8).reason().contains("batch"));
        assertTrue(mean(V16, List.of(1, 2), 1, 300, 300, 8).reason().contains("90000"), "large inputs do not map");
    }

    @Test
    void poolsAndConcatenationsWithAFusedActivationDoNotMap() {
        One o = new One();
        int x = o.act(1, 8, 8, 4), y = o.act(1, 4, 4, 4);
        Verdict v = o.check(V16, new Op.MaxPool2D(List.of(x), List.of(y), Padding.VALID, 2, 2, 2, 2, Activation.RELU));
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, v.status());
        assertTrue(v.reason().contains("fused activation"), v.reason());
    }

    @Test
    void concatenationTakesAConstantOnlyIfItIsAZeroPair() {
        One a = new One();
        int x = a.act(1, 4, 4, 4);
        int zero = a.data(Tensor.constant("zeros", Shape.of(1, 4, 4, 4), DType.INT8, Bytes.wrap(new byte[64])));
        int y = a.act(1, 4, 4, 8);
        assertTrue(a.check(V16, new Op.Concatenation(List.of(x, zero), List.of(y), 3, Activation.NONE)).mapped());
        One b = new One();
        int x2 = b.act(1, 4, 4, 4), c = b.cst(1, 4, 4, 4), y2 = b.act(1, 4, 4, 8);
        assertTrue(b.check(V16, new Op.Concatenation(List.of(x2, c), List.of(y2), 3, Activation.NONE)).reason().contains("unknown"));
    }

    @Test
    void stridedSliceNeedsUnitStridesAndPadMustNotPadTheBatch() {
        One o = new One();
        int x = o.act(1, 8, 8, 4), y = o.act(1, 4, 4, 4);
        Op s = new Op.StridedSlice(List.of(x), List.of(y), List.of(0, 0, 0, 0), List.of(1, 8, 8, 4), List.of(1, 2, 2, 1), 0, 0, 0);
        assertTrue(o.check(V16, s).reason().contains("strides"));
        One p = new One();
        int px = p.act(1, 4, 4), py = p.act(3, 4, 4);
        Op pad = new Op.Pad(List.of(px), List.of(py), List.of(1, 1, 0, 0, 0, 0));
        assertTrue(p.check(V16, pad).reason().contains("batch"));
    }

    @Test
    void squeezeRemovesLeadingOnesOnly() {
        One a = new One();
        int x = a.act(1, 1, 1, 1280), y = a.act(1, 1280);
        assertTrue(a.check(V16, new Op.Squeeze(List.of(x), List.of(y), List.of(1, 2))).mapped());
        One b = new One();
        int x2 = b.act(1, 7, 1, 5), y2 = b.act(1, 7, 5);
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, b.check(V16, new Op.Squeeze(List.of(x2), List.of(y2), List.of(2))).status());
    }

    @Test
    void resizeMapsUpToTheScaleLimitSoDeepLabsImagePoolingUpsamplingDoesNot() {
        One a = new One();
        int x = a.act(DType.UINT8, 1, 1, 1, 256), y = a.act(DType.UINT8, 1, 33, 33, 256);
        Verdict v = a.check(V16, new Op.ResizeBilinear(List.of(x), List.of(y), true, false));
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, v.status());
        assertTrue(v.reason().contains("factor 33.0"), v.reason());
        One b = new One();
        int x2 = b.act(1, 16, 16, 8), y2 = b.act(1, 32, 32, 8);
        assertTrue(b.check(V16, new Op.ResizeNearestNeighbor(List.of(x2), List.of(y2), false, false)).mapped());
    }

    @Test
    void the2019MulOfTwoTensorsIsAnAssumptionAndAMulByAConstantMaps() {
        One a = new One();
        int x = a.act(1, 8, 8, 4), s = a.act(1, 8, 8, 4), y = a.act(1, 8, 8, 4);
        Op swish = new Op.Mul(List.of(x, s), List.of(y), Activation.NONE);
        Verdict v = a.check(V2, swish);
        assertEquals(OpStatus.UNSPECIFIED_LIMITATION, v.status());
        assertTrue(v.reason().contains("two non-constant tensors"), v.reason());
        assertTrue(v.assumption().contains("assumption"), v.assumption());
        assertTrue(a.check(V16, swish).mapped());
        One b = new One();
        int x2 = b.act(1, 8, 8, 4), c = b.cst(1, 1, 1, 4), y2 = b.act(1, 8, 8, 4);
        Verdict k = b.check(V2, new Op.Mul(List.of(x2, c), List.of(y2), Activation.NONE));
        assertTrue(k.mapped());
        assertEquals("", k.assumption());
    }

    @Test
    void customOpsOtherThanTheEdgeTpusOwnDoNotMap() {
        One a = new One();
        int x = a.act(1, 10, 4), y = a.act(1, 10, 4);
        assertTrue(a.check(V16, new Op.Custom(List.of(x), List.of(y), Op.Custom.EDGETPU_CUSTOM_CODE, Bytes.empty())).mapped());
        Verdict other = a.check(V16, new Op.Custom(List.of(x), List.of(y), "MyOp", Bytes.empty()));
        assertEquals(OpStatus.NOT_SUPPORTED, other.status());
        assertTrue(other.reason().contains("'MyOp'"), other.reason());
        One b = new One();
        int bx = b.act(1, 10, 4), by = b.act(DType.FLOAT32, 1, 10, 4);
        assertEquals(OpStatus.UNSUPPORTED_DATA_TYPE,
                b.check(V16, new Op.Custom(List.of(bx), List.of(by), "TFLite_Detection_PostProcess", Bytes.empty())).status(),
                "the SSD post-processing op has float outputs: the type check decides first");
    }

    @Test
    void opaqueBuiltinsMapOnlyIfTheirVersionListsThem() {
        One a = new One();
        int x = a.act(1, 4, 4, 4), y = a.act(1, 8, 8, 4);
        Op tile = new Op.Opaque(List.of(x), List.of(y), 69, "TILE");
        assertTrue(a.check(V16, tile).mapped());
        Verdict old = a.check(V2, tile);
        assertEquals(OpStatus.NOT_SUPPORTED, old.status());
        assertTrue(old.reason().contains("compiler 2.0"), old.reason());
        assertEquals(OpStatus.NOT_SUPPORTED, a.check(V16, new Op.Opaque(List.of(x), List.of(y), 128, "CUMSUM")).status());
        One b = new One();
        int hx = b.act(1, 4, 4, 4), hy = b.act(1, 4, 4, 4);
        assertEquals(OpStatus.NOT_SUPPORTED, b.check(V16, new Op.HardSwish(List.of(hx), List.of(hy))).status());
    }

    private static RuleSet parse(String yaml) throws Exception {
        return RuleSet.parse("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ruleFileErrorsNameTheFileAndKeyPath() {
        String head = "schema_version: 1\nversion: \"9.9\"\nfull_version: \"9.9.1\"\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse(head + "ops:\n  SOFTMAX:\n    - check: max_input_elements\n"));
        assertTrue(e.getMessage().contains("test.yaml") && e.getMessage().contains("ops.SOFTMAX[0]") && e.getMessage().contains("limit"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(head + "ops:\n  ADD:\n    - check: no_such_check\n"));
        assertTrue(e.getMessage().contains("ops.ADD[0].check") && e.getMessage().contains("no_such_check"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(head + "ops:\n  ADD:\n    - check: unit_strides\n      limt: 3\n"));
        assertTrue(e.getMessage().contains("ops.ADD[0].limt"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("schema_version: 1\nversion: \"9.9\"\nops: {}\n"));
        assertTrue(e.getMessage().contains("full_version"), e.getMessage());
    }

    @Test
    void anOpsOwnCheckReplacesTheCommonCheckOfTheSameKind() throws Exception {
        RuleSet r = parse("schema_version: 1\nversion: \"9.9\"\nfull_version: \"9.9.1\"\n"
                + "common:\n  - check: quantized_types\n    allowed: [INT8]\n"
                + "ops:\n  RELU: []\n  TANH:\n    - check: quantized_types\n      allowed: [INT8, INT16]\n");
        One o = new One();
        int x = o.act(DType.INT16, 1, 4), y = o.act(DType.INT16, 1, 4);
        assertEquals(OpStatus.UNSUPPORTED_DATA_TYPE, o.check(r, new Op.Relu(List.of(x), List.of(y))).status());
        assertTrue(o.check(r, new Op.Tanh(List.of(x), List.of(y))).mapped());
    }

    @Test
    void compilerVersionsParseByIdAliasAndFullVersion() {
        assertEquals(CompilerVersion.V2_0, CompilerVersion.parse("2019"));
        assertEquals(CompilerVersion.V2_0, CompilerVersion.parse(" 2.0 "));
        assertEquals(CompilerVersion.V16_0, CompilerVersion.parse("16"));
        assertEquals(CompilerVersion.V16_0, CompilerVersion.parse("16.0.384591198"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompilerVersion.parse("15.0"));
        assertTrue(e.getMessage().contains("'15.0'") && e.getMessage().contains("2019"), e.getMessage());
    }
}
