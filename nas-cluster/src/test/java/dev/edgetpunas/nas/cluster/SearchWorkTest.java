package dev.edgetpunas.nas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.edgetpunas.nas.eval.CandidateEvaluator;
import dev.edgetpunas.nas.search.SearchConfig;
import dev.edgetpunas.nas.search.SpaceKind;
import dev.edgetpunas.nas.space.NasBench201Cell;
import dev.edgetpunas.nas.space.NasBench201Dataset;
import dev.edgetpunas.nas.space.NasBench201Space;
import dev.edgetpunas.sim.Simulator;
import dev.edgetpunas.sim.profile.Profile;
import dev.edgetpunas.sim.profile.ProfileLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchWorkTest {
    /** The task's work crosses the network as bytes and rebuilds the driver's evaluator: same profile, same latency. */
    @Test
    @SuppressWarnings("unchecked")
    void workSurvivesSerializationAndRebuildsTheSameEvaluator() throws Exception {
        Profile profile = ProfileLoader.load("edgetpu-rpi4-usb3").withOverrides(java.util.Map.of("link.bandwidthMBps", 123.0));
        SearchConfig config = SearchConfig.builder(SpaceKind.NASBENCH201).budget(5).accuracy(dev.edgetpunas.nas.search.AccuracySpec.cmd())
                .accuracyCommand("echo 0.5").out(Path.of("x")).build();
        SearchWork w = SearchWork.of(config, profile);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(new EvaluateTask(w, 3, "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|", 42L));
        }
        EvaluateTask back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (EvaluateTask) in.readObject();
        }
        assertEquals(profile.digest(), w.profile().digest());
        assertEquals(profile.name(), w.profile().name());
        assertNotEquals(ProfileLoader.load("edgetpu-rpi4-usb3").digest(), w.profile().digest());
        NasBench201Space space = new NasBench201Space(NasBench201Dataset.CIFAR10);
        NasBench201Cell cell = space.sample(new SplittableRandom(4));
        CandidateEvaluator<NasBench201Cell> remote = (CandidateEvaluator<NasBench201Cell>) w.evaluator();
        Simulator sim = new Simulator(profile, 0);
        CandidateEvaluator<NasBench201Cell> local = new CandidateEvaluator<>(space, d -> sim.simulate(d).latencyMs(), (a, s) -> null);
        assertEquals(local.latencyMs(cell), remote.latencyMs(cell));
        assertEquals(0.5, back.call().accuracy());
        assertEquals(w.id(), SearchWork.of(config, profile).id());
    }
}
