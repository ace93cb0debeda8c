/* Scaled quantisation kernels: float32 tensors quantised to a narrow element format (FP8
   E4M3/E5M2, FP6 E3M2/E2M3, FP4 E2M1) under a scaling scheme, written back dequantised as
   float32 (what an emulated GEMM consumes), with the statistics the analyzer records.

   Schemes (the semantics of Precision's BlockScaling, which holds the scalar reference):
   - per tensor: q = x * s exactly, element r = round(q), dequantised r * sInv (one float32
     multiply by sInv = 1/s as given);
   - MX (OCP MX v1.0 section 6.3): blocks of `block` elements along rows or columns; the block's
     scale X = 2^(floor(log2 amax) - emax), the exponent clamped to [-127, 127] (E8M0), the
     smallest when the block is all zeros; q = x / X exactly, dequantised r * X. A block
     holding a NaN or an infinity is all NaN, with the scale code 0xFF;
   - NVFP4: E2M1 elements in blocks of 16; the block scale S = round_E4M3(amax / (6 t)) with
     t the float32 tensor scale; q = x / (S t) exactly, dequantised (r * S) * t.
   Elements round to nearest, ties to even, and saturate: |q| beyond the largest finite value
   gives +-max. A NaN element stays NaN (per tensor and NVFP4); an infinite one saturates.

   Every kernel exists in a portable, an AVX2 (ck_has_f16c_avx2()) and an AVX-512
   (ck_has_avx512()) version; all give the same bits in the output, the scales and every field
   of the statistics. */
#ifndef CKSCALED_H
#define CKSCALED_H
#include <stddef.h>
#include <stdint.h>
#include "ckernels.h"

/* An element format: precision p (with the implicit bit), the exponents of the smallest and
   largest normal binades, and the largest finite value. */
typedef struct {
    int precision;
    int minExponent;
    int maxExponent;
    float maxFinite;
} ck_element;

/* Bins of the block exponent-spread histogram: spread 0..62, and 63 for 63 or more. */
#define CK_SPREAD_BINS 64

/* What one quantisation did; every field accumulates across calls. */
typedef struct {
    uint64_t count;      /* elements */
    uint64_t nan;        /* x NaN */
    uint64_t infinite;   /* x infinite */
    uint64_t saturated;  /* x finite and |q| rounded beyond the largest finite value: +-max */
    uint64_t flushed;    /* x finite nonzero, r zero */
    uint64_t subnormal;  /* r nonzero and below the element's smallest normal */
    uint64_t errorCount; /* x finite nonzero, not in a NaN block: the elements of the error sums */
    double errorSum;     /* sum of |r - q| / |q| / 2^-p (relative error in units of u) */
    double errorSquares;
    double errorMax;
    uint64_t histogram[257]; /* q by float32 biased exponent: 0 subnormal, 255 inf/NaN, 256 zero */
    uint64_t blocks;         /* blocks (0 for per-tensor scaling) */
    uint64_t clampedScales;  /* blocks whose scale hit the bottom of its range (E8M0 2^-127; a
                                zero or subnormal E4M3 scale) with a nonzero element */
    uint64_t flushedInBlock; /* flushed elements of blocks whose scale was not clamped: lost
                                because they lie too far below their block's maximum */
    uint64_t spread[CK_SPREAD_BINS]; /* max - min floor(log2|x|) over a block's nonzero finite x */
} ck_scaled_stats;

/* Per-tensor scaling of x[0..<n]. out may equal x or be NULL; st may be NULL. */
void ck_quantize_tensor_portable(const float *x, float *out, size_t n, ck_element e, float scale,
                                 float scaleInv, ck_scaled_stats *st);
void ck_quantize_tensor_avx2(const float *x, float *out, size_t n, ck_element e, float scale,
                             float scaleInv, ck_scaled_stats *st);
void ck_quantize_tensor_avx512(const float *x, float *out, size_t n, ck_element e, float scale,
                               float scaleInv, ck_scaled_stats *st);

/* MX scaling of the rows x cols row-major matrix x, blocks of `block` consecutive elements
   of a row (alongRows != 0) or of a column. `block` must divide that axis's length. scales
   (may be NULL) receives the E8M0 codes, blocks in row-major order of the block grid. */
void ck_quantize_mx_portable(const float *x, float *out, uint8_t *scales, size_t rows, size_t cols,
                             int alongRows, size_t block, ck_element e, ck_scaled_stats *st);
void ck_quantize_mx_avx2(const float *x, float *out, uint8_t *scales, size_t rows, size_t cols,
                         int alongRows, size_t block, ck_element e, ck_scaled_stats *st);
void ck_quantize_mx_avx512(const float *x, float *out, uint8_t *scales, size_t rows, size_t cols,
                           int alongRows, size_t block, ck_element e, ck_scaled_stats *st);

/* NVFP4 of the rows x cols matrix with the float32 tensor scale t (amax / (448 * 6), or 0 for
   an all-zero tensor); blocks of 16 along rows or columns. scales (may be NULL) receives each
   block's E4M3 scale as a float. */
void ck_quantize_nvfp4_portable(const float *x, float *out, float *scales, size_t rows, size_t cols,
                                int alongRows, float tensorScale, ck_scaled_stats *st);
void ck_quantize_nvfp4_avx2(const float *x, float *out, float *scales, size_t rows, size_t cols,
                            int alongRows, float tensorScale, ck_scaled_stats *st);
void ck_quantize_nvfp4_avx512(const float *x, float *out, float *scales, size_t rows, size_t cols,
                              int alongRows, float tensorScale, ck_scaled_stats *st);

/* The largest finite magnitude of x[0..<n], 0 if there is none (NVFP4's tensor amax). */
float ck_finite_amax_portable(const float *x, size_t n);
float ck_finite_amax_avx2(const float *x, size_t n);
float ck_finite_amax_avx512(const float *x, size_t n);

/* The element rounding alone: round(q) with saturation (the kernels' scalar core). */
float ck_element_round(double q, ck_element e);

/* Rounds x[0..<n] to the element format e as an IEEE format does: ties to even, and a value
   whose rounding with an unbounded exponent exceeds e.maxFinite becomes an infinity (counted
   as overflow). out, st, scale and sc as ck_round_f16_portable, whose statistics these are
   for binary16's parameters (p 11, emin -14, emax 15, max 65504). Portable only: the runtime
   formats of inspect. e.maxFinite must be rounded toward zero to a float when it is not one
   (p > 24): results are float32 values, so none lies between it and the true maximum. */
void ck_round_element_portable(const float *x, float *out, size_t n, ck_element e, ck_round_stats *st,
                               float scale, ck_scaled_counts *sc);

#endif
