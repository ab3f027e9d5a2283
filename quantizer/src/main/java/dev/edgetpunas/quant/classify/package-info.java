/**
 * Image classification with the integer interpreter, as Coral's classify example: labels files in
 * Coral's formats ({@link dev.edgetpunas.quant.classify.Labels}), image to model input and top-K
 * classes with dequantized scores ({@link dev.edgetpunas.quant.classify.ImageClassifier}).
 */
package dev.edgetpunas.quant.classify;
