/**
 * Training of autoencoders with DJL on its PyTorch engine, fully offline: the validated {@link
 * io.vigil.model.train.TrainingOptions}, the network definitions ({@link
 * io.vigil.model.train.DenseNetwork}, {@link io.vigil.model.train.LstmNetwork}, {@link
 * io.vigil.model.train.ConvNetwork}, {@link io.vigil.model.train.PenalisedDenseNetwork} for vae,
 * sparse and contractive) and the seeded training loop ({@link
 * io.vigil.model.train.AutoencoderTrainer}) with early stopping on a validation split.
 *
 * <p>Reproducibility: the seed fixes the engine's random state (weight initialisation, dropout, the
 * VAE's sampling), the mini-batch order and the denoising noise; torch runs on one thread (see
 * {@link io.vigil.model.train.TorchEngine}), so the same seed and data give the same weights, bit
 * for bit. The recurrent and convolutional layers are written out of plain tensor ops ({@code
 * UnrolledLstm}, {@code UnrolledConv1d}) because torch's fused kernels gave CPU-dependent results.
 *
 * <p>Networks read and write standardised windows; the standardisation itself is fitted on the
 * training rows by {@link io.vigil.model.data.ScalerFit} and embedded in the exported graph.
 */
package io.vigil.model.train;
