package dev.edgetpunas.nas.cluster;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Hazelcast quiet: its logging goes to JDK logging ({@code hazelcast.logging.type=jdk}) with
 * the {@code com.hazelcast} loggers at WARNING, and the start-up advice about JDK module access (the
 * cluster works without the {@code --add-opens} it asks for) at SEVERE, and so are
 * the connection warnings with stack traces that a killed member causes (the driver logs each
 * retry itself; {@code edgetpu-nas cluster check} diagnoses connections).
 *
 * <pre>{@code
 * Logging.quiet();   // before the first member starts; idempotent
 * }</pre>
 */
public final class Logging {
    /** Strong references: JDK logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
    private static final Logger MODULE_ADVICE = Logger.getLogger("com.hazelcast.internal.util.ModularJavaUtils");
    private static final Logger PHONE_HOME = Logger.getLogger("com.hazelcast.internal.util.phonehome");
    private static final Logger FACTORY = Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory");
    private static final Logger CONNECTIONS = Logger.getLogger("com.hazelcast.internal.server.tcp");
    private static boolean done;

    private Logging() {}

    /** Routes Hazelcast's logging to JDK logging at WARNING (once; a later {@link #level} stays). */
    public static synchronized void quiet() {
        if (done) return;
        done = true;
        if (System.getProperty("hazelcast.logging.type") == null) System.setProperty("hazelcast.logging.type", "jdk");
        if (System.getProperty("hazelcast.phone.home.enabled") == null) System.setProperty("hazelcast.phone.home.enabled", "false");
        HAZELCAST.setLevel(Level.WARNING);
        MODULE_ADVICE.setLevel(Level.SEVERE);
        PHONE_HOME.setLevel(Level.SEVERE);
        FACTORY.setLevel(Level.SEVERE);
        CONNECTIONS.setLevel(Level.SEVERE);
    }

    /** Sets the level of the {@code com.hazelcast} loggers (e.g. SEVERE in tests that kill members). */
    public static synchronized void level(Level level) {
        quiet();
        HAZELCAST.setLevel(level);
    }
}
