package dev.edgetpunas.training.optim;

/**
 * What one epoch did.
 *
 * <pre>{@code
 * listener = r -> System.err.printf("epoch %d loss %.3f acc %.3f%n", r.epoch(), r.trainLoss(), r.evalAccuracy());
 * }</pre>
 *
 * @param epoch            1-based
 * @param steps            optimizer steps in this epoch
 * @param trainLoss        mean training loss over the epoch's batches (training mode)
 * @param trainAccuracy    training accuracy over the epoch's batches (training mode)
 * @param evalLoss         loss on the evaluation set after the epoch (NaN without one)
 * @param evalAccuracy     accuracy on the evaluation set after the epoch (NaN without one)
 * @param trainSeconds     wall time of the training steps (evaluation excluded)
 * @param samplesPerSecond training samples per second
 * @param learningRate     learning rate of the epoch's last step
 */
public record EpochResult(int epoch, int steps, double trainLoss, double trainAccuracy, double evalLoss, double evalAccuracy,
                          double trainSeconds, double samplesPerSecond, double learningRate) {
}
