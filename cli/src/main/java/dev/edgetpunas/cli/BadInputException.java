package dev.edgetpunas.cli;

/** A user error found by a command itself (bad option combination, missing file): exit code 2. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
