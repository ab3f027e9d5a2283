package dev.edgetpunas.nas.space;

import java.util.Locale;

/**
 * The NAS-Bench-201 datasets: input size and classes of the macro network, and the accuracy column of
 * the table.
 *
 * <pre>{@code
 * NasBench201Dataset d = NasBench201Dataset.parse("imagenet16");   // 16x16 input, 120 classes
 * }</pre>
 */
public enum NasBench201Dataset {
    CIFAR10("cifar10", 32, 10),
    CIFAR100("cifar100", 32, 100),
    IMAGENET16("imagenet16", 16, 120);

    private final String id;
    private final int inputSize;
    private final int classes;

    NasBench201Dataset(String id, int inputSize, int classes) {
        this.id = id;
        this.inputSize = inputSize;
        this.classes = classes;
    }

    /** The name on the command line ({@code cifar10}, {@code cifar100}, {@code imagenet16}). */
    public String id() {
        return id;
    }

    /** Input height and width. */
    public int inputSize() {
        return inputSize;
    }

    /** Classifier outputs. */
    public int classes() {
        return classes;
    }

    /** The table's accuracy column ({@code cifar10_test_acc}, ...). */
    public String accuracyColumn() {
        return id + "_test_acc";
    }

    /** Reads {@code cifar10|cifar100|imagenet16} (also {@code ImageNet16-120}), case-insensitive. */
    public static NasBench201Dataset parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (k) {
            case "cifar10", "cifar-10": return CIFAR10;
            case "cifar100", "cifar-100": return CIFAR100;
            case "imagenet16", "imagenet16-120", "imagenet-16-120": return IMAGENET16;
            default:
                throw new IllegalArgumentException("unknown NAS-Bench-201 dataset '" + s + "' (expected cifar10, cifar100 or imagenet16)");
        }
    }
}
