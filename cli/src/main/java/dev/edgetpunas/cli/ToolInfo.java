package dev.edgetpunas.cli;

import picocli.CommandLine;

/** Tool name, version and the schema version of every JSON/CSV report the CLI writes. */
public final class ToolInfo {
    /** Version of the tool, reported as {@code tool_version}. */
    public static final String VERSION = "0.1.0";
    /** Version of the JSON report schema, reported as {@code schema_version}. */
    public static final int SCHEMA_VERSION = 1;

    private ToolInfo() {}

    /** picocli's {@code --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"edgetpu-nas " + VERSION};
        }
    }
}
