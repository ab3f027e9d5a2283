package dev.edgetpunas.nas.search;

import dev.edgetpunas.nas.space.NasBench201Dataset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where accuracy comes from, as {@code --accuracy} says it: {@code nb201[:DATASET]} (the NAS-Bench-201
 * table), {@code proxy} (short proxy training) or {@code cmd} (an external command).
 *
 * <pre>{@code
 * AccuracySpec.parse("nb201:cifar100");   // NB201, CIFAR100
 * }</pre>
 *
 * @param kind the source
 * @param dataset the NAS-Bench-201 dataset, only for {@code nb201}
 */
public record AccuracySpec(Kind kind, Optional<NasBench201Dataset> dataset) {
    /** The accuracy sources. */
    public enum Kind {
        NB201("nb201"),
        PROXY("proxy"),
        CMD("cmd");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public AccuracySpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dataset, "dataset");
        if (dataset.isPresent() && kind != Kind.NB201) throw new IllegalArgumentException("only nb201 accuracy takes a dataset, not " + kind.id());
    }

    public static AccuracySpec nb201(NasBench201Dataset d) {
        return new AccuracySpec(Kind.NB201, Optional.of(d));
    }

    public static AccuracySpec proxy() {
        return new AccuracySpec(Kind.PROXY, Optional.empty());
    }

    public static AccuracySpec cmd() {
        return new AccuracySpec(Kind.CMD, Optional.empty());
    }

    /** Reads {@code nb201[:DATASET]|proxy|cmd}; nb201 without a dataset means cifar10. */
    public static AccuracySpec parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        int colon = k.indexOf(':');
        String head = colon < 0 ? k : k.substring(0, colon);
        switch (head) {
            case "nb201":
                return nb201(colon < 0 ? NasBench201Dataset.CIFAR10 : NasBench201Dataset.parse(k.substring(colon + 1)));
            case "proxy":
            case "cmd":
                if (colon >= 0) throw new IllegalArgumentException("accuracy '" + s + "': only nb201 takes ':DATASET'");
                return head.equals("proxy") ? proxy() : cmd();
            default:
                throw new IllegalArgumentException("unknown accuracy source '" + s + "' (expected nb201[:cifar10|cifar100|imagenet16], proxy or cmd)");
        }
    }

    /** The text form ({@code nb201:cifar10}, {@code proxy}, {@code cmd}). */
    @Override
    public String toString() {
        return kind.id() + dataset.map(d -> ":" + d.id()).orElse("");
    }
}
