/* Bulk rounding kernels: float32 tensors rounded to binary16 or bfloat16 (round to nearest
   even), writing the rounded values back as float32 (every binary16/bfloat16 value is exactly
   a float32) and, in the same pass, the statistics the analyzer records.

   Each kernel has an AVX2+F16C version (compiled with per-function target attributes) and a
   portable one; ck_has_f16c_avx2() tells which the CPU can run. Both give identical bits and
   counts: the rounding is IEEE roundTiesToEven either way. */
#ifndef CKERNELS_H
#define CKERNELS_H
#include <stddef.h>
#include <stdint.h>

/* Histogram bins, indexed by the float32 biased exponent of x: 0 = float32 subnormals,
   1..254 = the binade [2^(i-127), 2^(i-126)), 255 = infinities and NaNs, 256 = zeros. */
#define CK_HISTOGRAM_BINS 257

/* What rounding one tensor did. All fields accumulate across calls. */
typedef struct {
    uint64_t count;      /* elements seen */
    uint64_t overflow;   /* x finite, round(x) infinite */
    uint64_t underflow;  /* x finite and nonzero, round(x) zero */
    uint64_t subnormal;  /* round(x) subnormal and nonzero */
    uint64_t nan;        /* x NaN */
    uint64_t infinite;   /* x infinite */
    uint64_t errorCount; /* x finite nonzero with finite round(x): the elements behind the error sums */
    double errorSum;     /* sum of |round(x) - x| / |x| */
    double errorSquares; /* sum of the squares of those */
    double errorMax;     /* their maximum */
    uint64_t histogram[CK_HISTOGRAM_BINS];
} ck_round_stats;

/* Counts only: what rounding (x * scale) would do (for "without loss scaling"). */
typedef struct {
    uint64_t overflow;
    uint64_t underflow;
    uint64_t subnormal;
} ck_scaled_counts;

/* Nonzero when the CPU has AVX2, F16C and FMA. */
int ck_has_f16c_avx2(void);

/* CPU features that choose kernels at run time (CPUID, with the operating system's support
   for the wider registers checked as well): one bit each in ck_cpu_features(). */
enum {
    CK_CPU_AVX2 = 1 << 0,
    CK_CPU_FMA = 1 << 1,
    CK_CPU_F16C = 1 << 2,
    CK_CPU_AVX512F = 1 << 3,
    CK_CPU_AVX512CD = 1 << 4,
    CK_CPU_AVX512BW = 1 << 5,
    CK_CPU_AVX512DQ = 1 << 6,
    CK_CPU_AVX512VL = 1 << 7,
    CK_CPU_AVX512BF16 = 1 << 8,
    CK_CPU_AVX512FP16 = 1 << 9
};

/* The CK_CPU_* bits of this CPU (0 off x86-64). */
unsigned ck_cpu_features(void);

/* CPUID's vendor string (12 characters and a NUL, e.g. "AuthenticAMD") and display family
   (base family, plus the extended family when the base is 15) and model of this CPU; an empty
   vendor and zeros off x86-64. */
void ck_cpu_signature(char vendor[13], unsigned *family, unsigned *model);

/* Register-only multiply-add loops for measuring the floating-point peak of a core (the time
   of `iterations` iterations is the caller's to take). Flops per iteration: AVX-512 384
   (12 FMAs x 16 lanes x 2), AVX2 192 (12 FMAs x 8 lanes x 2), SSE2 96 (12 multiplies and 12
   adds on 4 lanes, for CPUs without FMA). Call a variant only when ck_cpu_features() has its
   instruction set (CK_CPU_AVX512F; CK_CPU_AVX2 and CK_CPU_FMA; any x86-64 for SSE2). */
void ck_fma_loop_avx512(uint64_t iterations);
void ck_fma_loop_avx2(uint64_t iterations);
void ck_fma_loop_sse2(uint64_t iterations);

/* Rounds x[0..<n] to binary16. out may be NULL (statistics only) or equal to x (in place);
   stats may be NULL (rounding only). If scaled is not NULL, also counts what rounding
   x * scale would overflow, flush or make subnormal (scale should be a power of two). */
void ck_round_f16_avx2(const float *x, float *out, size_t n, ck_round_stats *stats,
                       float scale, ck_scaled_counts *scaled);
void ck_round_f16_portable(const float *x, float *out, size_t n, ck_round_stats *stats,
                           float scale, ck_scaled_counts *scaled);

/* The same with AVX-512 (F, BW, DQ, VL, with F16C): the bits and statistics of the AVX2
   kernels, sixteen elements per step. Call only when ck_has_avx512() is nonzero. */
int ck_has_avx512(void);
void ck_round_f16_avx512(const float *x, float *out, size_t n, ck_round_stats *st, float scale,
                         ck_scaled_counts *sc);
void ck_round_bf16_avx512(const float *x, float *out, size_t n, ck_round_stats *st, float scale,
                          ck_scaled_counts *sc);

/* The same for bfloat16. */
void ck_round_bf16_avx2(const float *x, float *out, size_t n, ck_round_stats *stats,
                        float scale, ck_scaled_counts *scaled);
void ck_round_bf16_portable(const float *x, float *out, size_t n, ck_round_stats *stats,
                            float scale, ck_scaled_counts *scaled);

/* Lost updates of w <- w - d: counts[0] += n, counts[1] += nonzero d, counts[2] += nonzero d
   with w - d == w in float32, counts[3] += nonzero d with round(w - d) == round(w) in the
   format (format: the precision p: 11 = binary16, 8 = bfloat16, 24 = float32). */
void ck_lost_updates_avx2(const float *w, const float *d, size_t n, int format, uint64_t counts[4]);
void ck_lost_updates_portable(const float *w, const float *d, size_t n, int format, uint64_t counts[4]);
/* The same counts, and w = w - d (float32) in the same pass. */
void ck_lost_updates_apply_avx2(float *w, const float *d, size_t n, int format, uint64_t counts[4]);
void ck_lost_updates_apply_portable(float *w, const float *d, size_t n, int format, uint64_t counts[4]);

/* One RMSprop step (Keras 3: v = rho*v + (1-rho)*g^2; q = lr*g / sqrt(v + eps); w = w - q)
   computed in a narrow format (precision 11 = binary16, 8 = bfloat16): every operation is
   done in float32 and rounded to the format, which is the format's correctly rounded
   operation (24 >= 2p + 2). The constants must already be values of the format. Writes q to
   delta when delta is not NULL (then w is left alone), else w = round(w - q). */
void ck_rmsprop_narrow(float *w, const float *g, float *v, float *delta, size_t n, float rho,
                       float oneMinusRho, float lr, float eps, int precision);
void ck_rmsprop_narrow_avx2(float *w, const float *g, float *v, float *delta, size_t n, float rho,
                            float oneMinusRho, float lr, float eps, int precision);

/* One float32 RMSprop step, Keras 3 (no momentum, not centred), over n elements:
       v = rho*v + oneMinusRho*(g*g)
       d = (lr*g) / sqrt(v + eps)          (epsilonOutside == 0: Keras 3)
       d = (lr*g) / (sqrt(v) + eps)        (epsilonOutside != 0: tf.keras optimizer_v2)
       w = w - d                           (or delta = d, w left alone, when delta is not NULL)
   Every operation is one IEEE float32 operation rounded to nearest even, in this order and
   never fused into an FMA (the files are compiled with FP_CONTRACT OFF, the vector version
   without the fma target feature), so both versions give the bits of the scalar formula. */
void ck_rmsprop_f32_portable(float *w, const float *g, float *v, float *delta, size_t n, float rho,
                             float oneMinusRho, float lr, float eps, int epsilonOutside);
void ck_rmsprop_f32_avx2(float *w, const float *g, float *v, float *delta, size_t n, float rho,
                         float oneMinusRho, float lr, float eps, int epsilonOutside);

/* Statistics of float32 values kept as they are (the float32 policy): histogram, NaNs,
   infinities and float32 subnormals; no rounding error. */
void ck_observe_f32(const float *x, size_t n, ck_round_stats *stats);

/* The scaled and block-scaled quantisation kernels (FP8 per tensor, MX, NVFP4). */
#include "ckscaled.h"

#endif
