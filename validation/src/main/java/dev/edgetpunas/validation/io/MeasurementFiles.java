package dev.edgetpunas.validation.io;

import dev.edgetpunas.validation.MeasurementSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a measurement file of any {@link MeasurementFormat}, detected from its content.
 *
 * <pre>{@code
 * MeasurementSet mine = MeasurementFiles.read(Path.of("mine.csv"), Optional.empty());
 * MeasurementSet trace = MeasurementFiles.read(Path.of("basic_engine_rp4b.csv"), Optional.of("edgetpu-rpi4-usb3"));
 * }</pre>
 */
public final class MeasurementFiles {
    private MeasurementFiles() {}

    /**
     * Reads {@code file}; relative model and profile paths in it are relative to its directory.
     *
     * @param profile the device of a trace (required for traces; for a CSV, the profile of rows with an
     *     empty profile cell)
     * @throws MeasurementFormatException for bad content (with the line), or an unreadable file
     */
    public static MeasurementSet read(Path file, Optional<String> profile) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MeasurementFormatException(file.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return MeasurementFormat.detect(text).parse(text, file.toString(), dir, profile);
    }
}
