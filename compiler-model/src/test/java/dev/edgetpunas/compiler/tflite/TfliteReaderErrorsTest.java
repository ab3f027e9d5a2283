package dev.edgetpunas.compiler.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.edgetpunas.compiler.ModelFormatException;
import dev.edgetpunas.compiler.graph.Graph;
import dev.edgetpunas.compiler.graph.Op;
import dev.edgetpunas.compiler.graph.OpKind;
import dev.edgetpunas.compiler.tflite.internal.TfliteSchema;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files: each error is a ModelFormatException naming the file, the offset and the problem. */
class TfliteReaderErrorsTest {

    private static ModelFormatException reject(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> TfliteReader.read(bytes, "bad.tflite"));
    }

    private static void assertMessage(ModelFormatException e, String... parts) {
        assertTrue(e.getMessage().startsWith("bad.tflite: at offset " + e.offset() + ": "), e.getMessage());
        for (String p : parts) assertTrue(e.getMessage().contains(p), e.getMessage());
    }

    /** A hand-made model: tensors (shape, type, buffer), one operator, buffers; see the parameters. */
    private static byte[] model(int version, int[][] shapes, int tensorRefs, int opcode, int opcodeIndex, int[] opInputs, int[] opOutputs,
            byte[][] buffers, int[] tensorBuffers) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int[] bufs = new int[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            int data = buffers[i] == null ? 0 : b.createByteVector(buffers[i]);
            b.startTable(TfliteSchema.Buffer.FIELDS);
            if (data != 0) b.addOffset(TfliteSchema.Buffer.DATA, data, 0);
            bufs[i] = b.endTable();
        }
        int[] tensors = new int[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            int shape = intVector(b, shapes[i]);
            b.startTable(TfliteSchema.Tensor.FIELDS);
            b.addOffset(TfliteSchema.Tensor.SHAPE, shape, 0);
            b.addByte(TfliteSchema.Tensor.TYPE, (byte) 3, 0);
            b.addInt(TfliteSchema.Tensor.BUFFER, tensorBuffers[i], 0);
            tensors[i] = b.endTable();
        }
        int[] refs = new int[tensorRefs];
        for (int i = 0; i < refs.length; i++) refs[i] = tensors[Math.min(i, tensors.length - 1)];
        int ins = intVector(b, opInputs), outs = intVector(b, opOutputs);
        b.startTable(TfliteSchema.Operator.FIELDS);
        b.addInt(TfliteSchema.Operator.OPCODE_INDEX, opcodeIndex, 0);
        b.addOffset(TfliteSchema.Operator.INPUTS, ins, 0);
        b.addOffset(TfliteSchema.Operator.OUTPUTS, outs, 0);
        int op = b.endTable();
        int tv = b.createVectorOfTables(refs), ov = b.createVectorOfTables(new int[] {op});
        int gi = intVector(b, new int[] {0}), go = intVector(b, opOutputs);
        b.startTable(TfliteSchema.SubGraph.FIELDS);
        b.addOffset(TfliteSchema.SubGraph.TENSORS, tv, 0);
        b.addOffset(TfliteSchema.SubGraph.INPUTS, gi, 0);
        b.addOffset(TfliteSchema.SubGraph.OUTPUTS, go, 0);
        b.addOffset(TfliteSchema.SubGraph.OPERATORS, ov, 0);
        int sg = b.endTable();
        b.startTable(TfliteSchema.OperatorCode.FIELDS);
        b.addByte(TfliteSchema.OperatorCode.DEPRECATED_BUILTIN_CODE, (byte) opcode, 0);
        b.addInt(TfliteSchema.OperatorCode.BUILTIN_CODE, opcode, 0);
        int oc = b.endTable();
        int ocv = b.createVectorOfTables(new int[] {oc}), sgv = b.createVectorOfTables(new int[] {sg});
        int bv = b.createVectorOfTables(bufs);
        b.startTable(TfliteSchema.Model.FIELDS);
        b.addInt(TfliteSchema.Model.VERSION, version, 0);
        b.addOffset(TfliteSchema.Model.OPERATOR_CODES, ocv, 0);
        b.addOffset(TfliteSchema.Model.SUBGRAPHS, sgv, 0);
        b.addOffset(TfliteSchema.Model.BUFFERS, bv, 0);
        b.finish(b.endTable(), TfliteSchema.FILE_IDENTIFIER);
        return b.sizedByteArray();
    }

    private static int intVector(FlatBufferBuilder b, int[] v) {
        b.startVector(4, v.length, 4);
        for (int i = v.length - 1; i >= 0; i--) b.addInt(v[i]);
        return b.endVector();
    }

    /** RELU over a [1, 4] uint8 tensor: a valid model the tests below break one thing at a time. */
    private static byte[] relu(int version, int opcodeIndex, int[] inputs) {
        return model(version, new int[][] {{1, 4}, {1, 4}}, 2, 19, opcodeIndex, inputs, new int[] {1}, new byte[][] {null},
                new int[] {0, 0});
    }

    @Test
    void handMadeModelReads() {
        Graph g = TfliteReader.read(relu(3, 0, new int[] {0}), "relu.tflite");
        assertEquals(OpKind.RELU, g.op(0).kind());
        assertEquals("relu", g.name());
        assertEquals("tensor_1", g.tensor(1).name(), "unnamed tensors get a name");
    }

    @Test
    void tooShortAndWrongIdentifierAreNamed() {
        assertMessage(reject(new byte[5]), "5 bytes, too short");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        ModelFormatException e = reject(png);
        assertEquals(4, e.offset());
        assertMessage(e, "file identifier is", "expected 'TFL3'");
    }

    @Test
    void truncatedFileIsReportedAtTheOffsetThatRunsOut() throws Exception {
        byte[] whole = relu(3, 0, new int[] {0});
        for (int n = 8; n < whole.length; n++) {
            ModelFormatException e = reject(Arrays.copyOf(whole, n));
            assertTrue(e.getMessage().contains("outside") || e.getMessage().contains("past the end") || e.getMessage().contains("invalid"),
                    n + ": " + e.getMessage());
        }
    }

    @Test
    void wrongSchemaVersionIsRejected() {
        assertMessage(reject(relu(2, 0, new int[] {0})), "schema version is 2, expected 3");
    }

    @Test
    void opcodeAndTensorIndicesOutOfRangeAreNamed() {
        assertMessage(reject(relu(3, 5, new int[] {0})), "operator 0", "opcode_index 5 is out of range");
        assertMessage(reject(relu(3, 0, new int[] {7})), "operator 0 (RELU) inputs[0] = 7 is not a tensor index (0..1");
    }

    @Test
    void absurdVectorLengthIsRejectedBeforeAllocating() {
        byte[] bytes = relu(3, 0, new int[] {0});
        // every one-element vector [0] (graph inputs, op inputs) claims 2^31 - 1 elements in turn
        int vectors = 0;
        for (int p = 8; p + 8 <= bytes.length; p += 4) {
            ByteBuffer bb = ByteBuffer.wrap(bytes.clone()).order(ByteOrder.LITTLE_ENDIAN);
            if (bb.getInt(p) != 1 || bb.getInt(p + 4) != 0) continue;
            bb.putInt(p, Integer.MAX_VALUE);
            ModelFormatException e = reject(bb.array());
            if (e.getMessage().contains("vector of 2147483647 elements of 4 bytes runs past the end of the file")) {
                assertEquals(p, e.offset());
                vectors++;
            }
        }
        assertTrue(vectors >= 2, "patched vectors: " + vectors);
    }

    @Test
    void offsetsPointingManyTimesAtTheSameDataCannotBlowUpMemory() {
        // 40,000 tensor references to one tensor with a 20,000-dimension shape: 3.2 GB of shapes if decoded naively
        int[] dims = new int[20_000];
        Arrays.fill(dims, 1);
        byte[] bomb = model(3, new int[][] {dims}, 40_000, 19, 0, new int[] {0}, new int[] {0}, new byte[][] {null}, new int[] {0});
        assertTrue(bomb.length < 300_000, "file size " + bomb.length);
        assertMessage(reject(bomb), "more bytes of memory than a file of");
    }

    @Test
    void dataOfTheWrongSizeAndNegativeDimensionsAreNamed() {
        byte[] wrongSize = model(3, new int[][] {{1, 4}, {4}, {1, 4}}, 3, 0, 0, new int[] {0, 1}, new int[] {2},
                new byte[][] {null, {1, 2, 3}}, new int[] {0, 1, 0});
        assertMessage(reject(wrongSize), "tensor 1", "buffer 1 has 3 bytes, but shape [4] of UINT8 needs 4");
        byte[] negative = model(3, new int[][] {{1, -1}, {1, 4}}, 2, 19, 0, new int[] {0}, new int[] {1}, new byte[][] {null},
                new int[] {0, 0});
        assertMessage(reject(negative), "tensor 0: shape dimension 1 is -1");
        byte[] badBuffer = model(3, new int[][] {{1, 4}, {1, 4}}, 2, 19, 0, new int[] {0}, new int[] {1}, new byte[][] {null},
                new int[] {0, 9});
        assertMessage(reject(badBuffer), "tensor 1: buffer index 9 is out of range");
    }

    @Test
    void shapeInferenceFailuresNameTheOp() {
        // ADD of [1, 4] and a [1, 3] constant: shapes do not broadcast
        byte[] bytes = model(3, new int[][] {{1, 4}, {1, 3}, {1, 4}}, 3, 0, 0, new int[] {0, 1}, new int[] {2},
                new byte[][] {null, {1, 2, 3}}, new int[] {0, 1, 0});
        assertMessage(reject(bytes), "subgraph 0 is not a valid graph", "op 0 (ADD)", "do not broadcast");
    }

    @Test
    void unknownBuiltinsBecomeOpaqueOpsWithTheirNames() {
        Graph g = TfliteReader.read(model(3, new int[][] {{1, 4}, {1, 4}}, 2, 53, 0, new int[] {0}, new int[] {1}, new byte[][] {null},
                new int[] {0, 0}), "cast.tflite");
        assertEquals("CAST", g.op(0).opName());
        assertEquals(53, ((Op.Opaque) g.op(0)).builtinCode());
        Graph newer = TfliteReader.read(model(3, new int[][] {{1, 4}, {1, 4}}, 2, 127, 0, new int[] {0}, new int[] {1},
                new byte[][] {null}, new int[] {0, 0}), "x.tflite");
        assertEquals("PLACEHOLDER_FOR_GREATER_OP_CODES", newer.op(0).opName());
    }

    @Test
    void missingFileIsAnIoErrorNamingIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("none.tflite");
        Exception e = assertThrows(java.io.UncheckedIOException.class, () -> TfliteReader.read(f));
        assertTrue(e.getMessage().contains("none.tflite"), e.getMessage());
        Files.write(f, new byte[] {1, 2, 3});
        ModelFormatException m = assertThrows(ModelFormatException.class, () -> TfliteReader.read(f));
        assertTrue(m.getMessage().startsWith(f + ": at offset 0: "), m.getMessage());
    }
}
