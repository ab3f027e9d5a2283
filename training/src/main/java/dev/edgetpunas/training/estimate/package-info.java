/**
 * The accuracy estimators that the search ({@code nas}) and compound scaling share: one interface,
 * {@link dev.edgetpunas.training.estimate.AccuracyEstimator}, a result that is either an accuracy in
 * [0, 1] or a failure with a reason, the external-command estimator (the user's own trainer) and the
 * proxy estimator (short training of the candidate adapted to Fashion-MNIST).
 */
package dev.edgetpunas.training.estimate;
