package dev.edgetpunas.nas.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Callable;

/**
 * Run on a member by {@link ClusterCheck}: opens a TCP connection back to the checking process's
 * member port and closes it. Returns null when it connects, else why not.
 */
final class ConnectBack implements Callable<String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String host;
    private final int port;
    private final int timeoutMillis;

    ConnectBack(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String call() {
        return ClusterCheck.connect(host, port, timeoutMillis);
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                + (m == null ? "" : ": " + m);
    }

    static String tryConnect(String host, int port, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            return null;
        } catch (IOException e) {
            return describe(e);
        }
    }
}
