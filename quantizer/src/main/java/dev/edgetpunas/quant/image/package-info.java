/**
 * Image input for classification models: decoding BMP, JPEG and PNG with {@code javax.imageio} to
 * 8-bit RGB or grey, resizing as Pillow does ({@code NEAREST}, {@code BILINEAR}, {@code LANCZOS}
 * convolution resampling with 8-bit fixed-point coefficients), and turning the pixels into a model's
 * input tensor (raw uint8, int8 = uint8 - 128, or float).
 */
package dev.edgetpunas.quant.image;
