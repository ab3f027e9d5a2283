package dev.edgetpunas.validation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.edgetpunas.sim.Scenario;
import dev.edgetpunas.validation.Device;
import dev.edgetpunas.validation.Measurement;
import dev.edgetpunas.validation.MeasurementSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeasurementCsvTest {

    private static MeasurementSet parse(String text) {
        return MeasurementCsv.parse(text, "m.csv", null, Optional.empty());
    }

    @Test
    void readsRequiredAndOptionalColumnsInAnyOrder() {
        MeasurementSet s = parse("""
                # a comment
                source,latency_ms,model,profile,device,scenario,compiler,note

                "https://x.example/a, b",2.5,mobilenet-v1,edgetpu-usb3-max,,,,
                https://x.example/c,7.36,mobilenet-v1+mobilenet-v2,edgetpu-devboard,edgetpu,alternate-cocompiled,2019,"say ""hi""\"
                https://x.example/d,164,MobileNet v1 224x224,edgetpu-devboard,cpu,warm,,
                """);
        assertEquals(3, s.size());
        Measurement a = s.rows().get(0);
        assertEquals("mobilenet-v1", a.model());
        assertEquals(Device.EDGETPU, a.device());
        assertEquals(Scenario.WARM, a.scenario());
        assertEquals(Optional.empty(), a.compiler());
        assertEquals("https://x.example/a, b", a.source());
        assertEquals("m.csv:4", a.origin());
        Measurement b = s.rows().get(1);
        assertEquals(List.of("mobilenet-v1", "mobilenet-v2"), b.models());
        assertEquals(Scenario.ALTERNATE_COCOMPILED, b.scenario());
        assertEquals(Optional.of("2.0"), b.compiler(), "2019 is an alias of 2.0");
        assertEquals("say \"hi\"", b.note());
        Measurement c = s.rows().get(2);
        assertEquals("mobilenet-v1", c.model(), "Coral's benchmark-page name resolves to the zoo name");
        assertEquals(Device.CPU, c.device());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "missing column  | model,profile,latency_ms\\nmobilenet-v1,edgetpu-usb3-max,2 | m.csv:1: missing column 'source' (required: model,profile,latency_ms,source)",
        "unknown column  | model,profile,latency_ms,source,host\\nx,y,1,s,h | m.csv:1: unknown column 'host' (columns: model,profile,latency_ms,source and optionally device,scenario,compiler,note)",
        "negative        | model,profile,latency_ms,source\\nmobilenet-v1,edgetpu-usb3-max,-2.1,s | m.csv:2: latency_ms must be a finite number > 0, but was -2.1",
        "not a number    | model,profile,latency_ms,source\\nmobilenet-v1,edgetpu-usb3-max,fast,s | m.csv:2: latency_ms must be a number, but was 'fast'",
        "unknown model   | model,profile,latency_ms,source\\n\\nmobilnet-v1,edgetpu-usb3-max,2,s | m.csv:3: unknown model 'mobilnet-v1' (not a zoo name, a Coral model name or an existing .tflite/.blocks file; see 'edgetpu-nas models')",
        "unknown profile | model,profile,latency_ms,source\\nmobilenet-v1,edgetpu-usb9,2,s | m.csv:2: unknown profile 'edgetpu-usb9' (not a bundled profile or an existing file; see 'edgetpu-nas profiles')",
        "field count     | model,profile,latency_ms,source\\nmobilenet-v1,edgetpu-usb3-max,2 | m.csv:2: expected 4 fields as in the header, but found 3",
        "bad scenario    | model,profile,latency_ms,source,scenario\\nmobilenet-v1,edgetpu-usb3-max,2,s,hot | m.csv:2: unknown scenario 'hot' (expected warm, cold, alternate or alternate-cocompiled)",
        "bad device      | model,profile,latency_ms,source,device\\nmobilenet-v1,edgetpu-usb3-max,2,s,gpu | m.csv:2: device must be edgetpu or cpu, but was 'gpu'",
        "empty source    | model,profile,latency_ms,source\\nmobilenet-v1,edgetpu-usb3-max,2, | m.csv:2: source must not be empty (where does the figure come from?)",
        "empty profile   | model,profile,latency_ms,source\\nmobilenet-v1,,2,s | m.csv:2: profile is empty and no --profile was given",
        "not in the zoo  | model,profile,latency_ms,source\\nmobilenet_ssd_v2_face_quant_postprocess.tflite,edgetpu-usb3-max,5.36,s | m.csv:2: model 'mobilenet_ssd_v2_face_quant_postprocess.tflite' is not in the zoo: face detector (other classes and size): not in the zoo",
        "quote           | model,profile,latency_ms,source\\n\"mobilenet-v1,edgetpu-usb3-max,2,s | m.csv:2: unterminated quoted field",
        "no header       | # only a comment | m.csv: no header line (expected columns model,profile,latency_ms,source)",
    })
    void badFilesNameTheLineAndTheValue(String what, String text, String message) {
        MeasurementFormatException e = assertThrows(MeasurementFormatException.class, () -> parse(text.replace("\\n", "\n")));
        assertEquals(message, e.getMessage(), what);
    }

    @Test
    void emptyProfileCellsTakeTheDefault() {
        MeasurementSet s = MeasurementCsv.parse("model,profile,latency_ms,source\nmobilenet-v1,,2,s\n", "m.csv", null, Optional.of("edgetpu-rpi4-usb3"));
        assertEquals("edgetpu-rpi4-usb3", s.rows().get(0).profile());
    }

    @Test
    void relativePathsAreResolvedAgainstTheCsvsDirectory(@TempDir Path dir) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("traces"));
        Files.writeString(sub.resolve("mine.yaml"), "schemaVersion: 1\nextends: edgetpu-usb3-max\nname: mine\nlink:\n  overheadUs: 900\n");
        Files.writeString(sub.resolve("m.csv"), "model,profile,latency_ms,source\nsqueezenet,mine.yaml,2,own bench\n");
        MeasurementSet s = MeasurementFiles.read(sub.resolve("m.csv"), Optional.empty());
        assertEquals(sub.toAbsolutePath().resolve("mine.yaml").toString(), s.rows().get(0).profile());
    }

    @Test
    void splitRoundTripsQuotedFields() {
        qt().forAll(lists().of(strings().ascii().ofLengthBetween(0, 12)).ofSizeBetween(1, 8)).checkAssert(fields -> {
            String line = fields.stream().map(f -> "\"" + f.replace("\"", "\"\"") + "\"").collect(Collectors.joining(","));
            assertEquals(fields, MeasurementCsv.split(line));
        });
    }

    @Test
    void theBuiltInSetParses() {
        MeasurementSet s = MeasurementSet.builtIn();
        assertEquals(MeasurementSet.BUILT_IN, s.name());
        assertTrue(s.size() > 100, "rows: " + s.size());
    }
}
