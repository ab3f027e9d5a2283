package dev.edgetpunas.nas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
    @Test
    void membersWithoutAPortUseThisMembersPort() {
        ClusterSettings s = ClusterSettings.of("nas", ClusterSettings.splitMembers("10.0.0.5, host-b:5702,[::1]:5703"), 5710);
        assertEquals(List.of("10.0.0.5:5710", "host-b:5702", "::1:5703"), s.memberAddresses());
    }

    @Test
    void badSettingsAreRejectedWithTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of("nas", List.of("h:99999"), 5701));
        assertTrue(e.getMessage().contains("--members") && e.getMessage().contains("99999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of("nas", List.of(), 5701));
        assertTrue(e.getMessage().contains("--members"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of(" ", List.of("h"), 5701));
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.of("nas", List.of("h"), 0));
    }

    /** No multicast, no auto-detection, no port auto-increment, no CP subsystem; workers are full members, the driver a lite one. */
    @Test
    void configurationJoinsOnlyTheGivenMembers() {
        ClusterSettings s = ClusterSettings.of("nas", List.of("10.0.0.5", "10.0.0.6"), 5701);
        Config w = Members.config(s, Members.Role.WORKER, 4);
        assertEquals("nas", w.getClusterName());
        assertTrue(!w.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
        assertTrue(!w.getNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled());
        assertTrue(!w.getNetworkConfig().isPortAutoIncrement());
        assertEquals(List.of("10.0.0.5:5701", "10.0.0.6:5701"), w.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        assertEquals(0, w.getCPSubsystemConfig().getCPMemberCount());
        assertEquals(4, w.getExecutorConfig(Members.EXECUTOR).getPoolSize());
        assertEquals("worker", w.getMemberAttributeConfig().getAttribute(Members.ROLE_ATTRIBUTE));
        assertTrue(!w.isLiteMember() && Members.config(s, Members.Role.DRIVER, 1).isLiteMember());
        assertEquals("false", w.getProperty("hazelcast.phone.home.enabled"));
        Config k = Members.config(ClusterSettings.kubernetes("nas", "nas-workers", 5701), Members.Role.WORKER, 1);
        assertTrue(k.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled());
        assertEquals("nas-workers", k.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-name"));
        assertTrue(!k.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
    }
}
