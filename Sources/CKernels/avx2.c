/* AVX2 + F16C kernels, eight elements per step. Counters live in vector lanes for a block of
   elements and are folded into the 64-bit statistics after each block; the histogram is
   updated from the eight exponents of each step. The tail goes through the portable code. */
#include <string.h>
#include "ckernels.h"
#include "kernels_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define TARGET __attribute__((target("avx2,f16c,fma")))
enum { BLOCK = 1 << 12 }; /* steps per block: int32 lane counters cannot overflow */

typedef struct {
    __m256i overflow, underflow, subnormal, nan, infinite, valid;
    __m256 errorSum, errorSquares, errorMax;
    __m256i scaledOverflow, scaledUnderflow, scaledSubnormal;
} lanes;

TARGET static inline uint64_t lane_total(__m256i v) {
    int32_t t[8];
    _mm256_storeu_si256((__m256i *)t, v);
    uint64_t s = 0;
    for (int k = 0; k < 8; k++) s += (uint32_t)t[k];
    return s;
}

TARGET static inline double lane_sum(__m256 v) {
    float t[8];
    _mm256_storeu_ps(t, v);
    double s = 0;
    for (int k = 0; k < 8; k++) s += t[k];
    return s;
}

TARGET static inline float lane_max(__m256 v) {
    float t[8];
    _mm256_storeu_ps(t, v);
    float m = t[0];
    for (int k = 1; k < 8; k++) m = t[k] > m ? t[k] : m;
    return m;
}

TARGET static void fold(lanes *l, ck_round_stats *st, ck_scaled_counts *sc) {
    if (st) {
        st->overflow += lane_total(l->overflow);
        st->underflow += lane_total(l->underflow);
        st->subnormal += lane_total(l->subnormal);
        st->nan += lane_total(l->nan);
        st->infinite += lane_total(l->infinite);
        st->errorCount += lane_total(l->valid);
        st->errorSum += lane_sum(l->errorSum);
        st->errorSquares += lane_sum(l->errorSquares);
        float m = lane_max(l->errorMax);
        if (m > st->errorMax) st->errorMax = m;
    }
    if (sc) {
        sc->overflow += lane_total(l->scaledOverflow);
        sc->underflow += lane_total(l->scaledUnderflow);
        sc->subnormal += lane_total(l->scaledSubnormal);
    }
    memset(l, 0, sizeof *l);
}

/* Statistics of one step: x and its rounding r (and the rounding rs of x * scale). Masks are
   all-ones lanes, so subtracting a mask adds one. */
TARGET static inline void step(lanes *l, ck_round_stats *st, ck_scaled_counts *sc,
                               __m256 v, __m256 r, __m256 rs, __m256 minNormal) {
    const __m256 absMask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    const __m256 inf = _mm256_set1_ps(__builtin_inff()), zero = _mm256_setzero_ps();
    __m256 ax = _mm256_and_ps(v, absMask), ar = _mm256_and_ps(r, absMask);
    __m256 finiteNonzero = _mm256_and_ps(_mm256_cmp_ps(ax, inf, _CMP_LT_OQ), _mm256_cmp_ps(ax, zero, _CMP_NEQ_OQ));
    if (sc) {
        __m256 ars = _mm256_and_ps(rs, absMask);
        __m256 over = _mm256_and_ps(finiteNonzero, _mm256_cmp_ps(ars, inf, _CMP_EQ_OQ));
        __m256 under = _mm256_and_ps(finiteNonzero, _mm256_cmp_ps(ars, zero, _CMP_EQ_OQ));
        __m256 sub = _mm256_and_ps(finiteNonzero, _mm256_and_ps(_mm256_cmp_ps(ars, minNormal, _CMP_LT_OQ),
                                                                _mm256_cmp_ps(ars, zero, _CMP_NEQ_OQ)));
        l->scaledOverflow = _mm256_sub_epi32(l->scaledOverflow, _mm256_castps_si256(over));
        l->scaledUnderflow = _mm256_sub_epi32(l->scaledUnderflow, _mm256_castps_si256(under));
        l->scaledSubnormal = _mm256_sub_epi32(l->scaledSubnormal, _mm256_castps_si256(sub));
    }
    if (!st) return;
    __m256 rInfinite = _mm256_cmp_ps(ar, inf, _CMP_EQ_OQ);
    __m256 rZero = _mm256_cmp_ps(ar, zero, _CMP_EQ_OQ);
    __m256 over = _mm256_and_ps(finiteNonzero, rInfinite);
    __m256 under = _mm256_and_ps(finiteNonzero, rZero);
    __m256 sub = _mm256_andnot_ps(rZero, _mm256_cmp_ps(ar, minNormal, _CMP_LT_OQ));
    __m256 valid = _mm256_andnot_ps(rInfinite, finiteNonzero);
    __m256 nan = _mm256_cmp_ps(v, v, _CMP_UNORD_Q);
    __m256 infinite = _mm256_cmp_ps(ax, inf, _CMP_EQ_OQ);
    l->overflow = _mm256_sub_epi32(l->overflow, _mm256_castps_si256(over));
    l->underflow = _mm256_sub_epi32(l->underflow, _mm256_castps_si256(under));
    l->subnormal = _mm256_sub_epi32(l->subnormal, _mm256_castps_si256(sub));
    l->nan = _mm256_sub_epi32(l->nan, _mm256_castps_si256(nan));
    l->infinite = _mm256_sub_epi32(l->infinite, _mm256_castps_si256(infinite));
    l->valid = _mm256_sub_epi32(l->valid, _mm256_castps_si256(valid));
    /* |r - x| is exact (the bits rounding discarded); the division is rounded once. Lanes
       outside `valid` are zeroed before the division result is used. */
    __m256 rel = _mm256_and_ps(_mm256_div_ps(_mm256_and_ps(_mm256_sub_ps(r, v), absMask), _mm256_or_ps(ax, _mm256_andnot_ps(valid, inf))), valid);
    l->errorSum = _mm256_add_ps(l->errorSum, rel);
    l->errorSquares = _mm256_fmadd_ps(rel, rel, l->errorSquares);
    l->errorMax = _mm256_max_ps(l->errorMax, rel);
    /* Histogram bin: the biased exponent, or 256 for zeros. */
    __m256i e = _mm256_and_si256(_mm256_srli_epi32(_mm256_castps_si256(v), 23), _mm256_set1_epi32(0xff));
    __m256i bin = _mm256_blendv_epi8(e, _mm256_set1_epi32(256), _mm256_castps_si256(_mm256_cmp_ps(ax, zero, _CMP_EQ_OQ)));
    int32_t b[8];
    _mm256_storeu_si256((__m256i *)b, bin);
    uint64_t *h = st->histogram;
    h[b[0]]++; h[b[1]]++; h[b[2]]++; h[b[3]]++; h[b[4]]++; h[b[5]]++; h[b[6]]++; h[b[7]]++;
}

TARGET static inline __m256 round_f16(__m256 v) {
    return _mm256_cvtph_ps(_mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT));
}

/* bfloat16 round to nearest even on the bits; a NaN is quieted and truncated. */
TARGET static inline __m256 round_bf16(__m256 v) {
    __m256i u = _mm256_castps_si256(v);
    __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(1));
    __m256i rounded = _mm256_add_epi32(u, _mm256_add_epi32(_mm256_set1_epi32(0x7fff), lsb));
    __m256i quiet = _mm256_or_si256(u, _mm256_set1_epi32(0x00400000));
    __m256i nan = _mm256_castps_si256(_mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    __m256i r = _mm256_blendv_epi8(rounded, quiet, nan);
    return _mm256_castsi256_ps(_mm256_and_si256(r, _mm256_set1_epi32((int)0xffff0000u)));
}

#define KERNEL(NAME, ROUND, PORTABLE, MIN_NORMAL)                                               \
    TARGET void NAME(const float *x, float *out, size_t n, ck_round_stats *st, float scale,    \
                     ck_scaled_counts *sc) {                                                   \
        size_t i = 0, vectors = n / 8;                                                         \
        const __m256 minNormal = _mm256_set1_ps(MIN_NORMAL), s = _mm256_set1_ps(scale);        \
        if (!st && !sc) {                                                                      \
            for (; i < vectors * 8; i += 8)                                                    \
                _mm256_storeu_ps(out + i, ROUND(_mm256_loadu_ps(x + i)));                      \
        } else {                                                                               \
            lanes l;                                                                           \
            memset(&l, 0, sizeof l);                                                           \
            while (i < vectors * 8) {                                                          \
                size_t end = i + (size_t)BLOCK * 8;                                            \
                if (end > vectors * 8) end = vectors * 8;                                      \
                for (; i < end; i += 8) {                                                      \
                    __m256 v = _mm256_loadu_ps(x + i), r = ROUND(v);                           \
                    __m256 rs = sc ? ROUND(_mm256_mul_ps(v, s)) : r;                           \
                    if (out) _mm256_storeu_ps(out + i, r);                                     \
                    step(&l, st, sc, v, r, rs, minNormal);                                     \
                }                                                                              \
                fold(&l, st, sc);                                                              \
            }                                                                                  \
            if (st) st->count += vectors * 8;                                                  \
        }                                                                                      \
        if (i < n) PORTABLE(x + i, out ? out + i : 0, n - i, st, scale, sc);                   \
    }

KERNEL(ck_round_f16_avx2, round_f16, ck_round_f16_portable, 0x1p-14f)
KERNEL(ck_round_bf16_avx2, round_bf16, ck_round_bf16_portable, 0x1p-126f)

/* Counts the lost updates of w - d; when `apply`, also stores w - d into w (one pass instead
   of two: w is read before it is written). */
TARGET static inline __attribute__((always_inline)) void lost_updates(float *w, const float *d, size_t n,
                                                                      int format, uint64_t counts[4], int apply) {
    size_t i = 0, vectors = n / 8;
    __m256i nonzero = _mm256_setzero_si256(), lost32 = nonzero, lostC = nonzero;
    const __m256 zero = _mm256_setzero_ps();
    while (i < vectors * 8) {
        size_t end = i + (size_t)BLOCK * 8;
        if (end > vectors * 8) end = vectors * 8;
        for (; i < end; i += 8) {
            __m256 vw = _mm256_loadu_ps(w + i), vd = _mm256_loadu_ps(d + i);
            __m256 next = _mm256_sub_ps(vw, vd);
            if (apply) _mm256_storeu_ps(w + i, next);
            __m256 nz = _mm256_cmp_ps(vd, zero, _CMP_NEQ_UQ);
            __m256 a = format == 11 ? round_f16(next) : format == 8 ? round_bf16(next) : next;
            __m256 b = format == 11 ? round_f16(vw) : format == 8 ? round_bf16(vw) : vw;
            __m256i same32 = _mm256_cmpeq_epi32(_mm256_castps_si256(next), _mm256_castps_si256(vw));
            __m256i sameC = _mm256_cmpeq_epi32(_mm256_castps_si256(a), _mm256_castps_si256(b));
            __m256i m = _mm256_castps_si256(nz);
            nonzero = _mm256_sub_epi32(nonzero, m);
            lost32 = _mm256_sub_epi32(lost32, _mm256_and_si256(m, same32));
            lostC = _mm256_sub_epi32(lostC, _mm256_and_si256(m, sameC));
        }
        counts[1] += lane_total(nonzero); counts[2] += lane_total(lost32); counts[3] += lane_total(lostC);
        nonzero = lost32 = lostC = _mm256_setzero_si256();
    }
    counts[0] += vectors * 8;
    if (i < n) {
        if (apply) ck_lost_updates_apply_portable(w + i, d + i, n - i, format, counts);
        else ck_lost_updates_portable(w + i, d + i, n - i, format, counts);
    }
}

TARGET void ck_lost_updates_avx2(const float *w, const float *d, size_t n, int format, uint64_t counts[4]) {
    lost_updates((float *)w, d, n, format, counts, 0); /* apply == 0: w is only read */
}

TARGET void ck_lost_updates_apply_avx2(float *w, const float *d, size_t n, int format, uint64_t counts[4]) {
    lost_updates(w, d, n, format, counts, 1);
}

/* ck_rmsprop_narrow, eight elements at a time (same operations, same roundings). */
TARGET void ck_rmsprop_narrow_avx2(float *w, const float *g, float *v, float *delta, size_t n, float rho,
                                   float oneMinusRho, float lr, float eps, int precision) {
    size_t i = 0;
    const __m256 r = _mm256_set1_ps(rho), omr = _mm256_set1_ps(oneMinusRho), l = _mm256_set1_ps(lr), e = _mm256_set1_ps(eps);
#define R(x) (precision == 11 ? round_f16(x) : round_bf16(x))
    for (; i + 8 <= n; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i), vi = _mm256_loadu_ps(v + i);
        __m256 a = R(_mm256_mul_ps(r, vi));
        __m256 b = R(_mm256_mul_ps(omr, R(_mm256_mul_ps(gi, gi))));
        vi = R(_mm256_add_ps(a, b));
        _mm256_storeu_ps(v + i, vi);
        __m256 root = R(_mm256_sqrt_ps(R(_mm256_add_ps(vi, e))));
        __m256 q = R(_mm256_div_ps(R(_mm256_mul_ps(l, gi)), root));
        if (delta) _mm256_storeu_ps(delta + i, q);
        else _mm256_storeu_ps(w + i, R(_mm256_sub_ps(_mm256_loadu_ps(w + i), q)));
    }
#undef R
    if (i < n) ck_rmsprop_narrow(w + i, g + i, v + i, delta ? delta + i : 0, n - i, rho, oneMinusRho, lr, eps, precision);
}

/* ck_rmsprop_f32_portable, eight elements at a time. Compiled for AVX2 without FMA (and with
   contraction off), so no multiply and add can fuse: each operation rounds once, as in the
   scalar formula; vsqrtps and vdivps are correctly rounded like their scalar forms. */
__attribute__((target("avx2")))
void ck_rmsprop_f32_avx2(float *w, const float *g, float *v, float *delta, size_t n, float rho,
                         float oneMinusRho, float lr, float eps, int epsilonOutside) {
#pragma STDC FP_CONTRACT OFF
    size_t i = 0;
    const __m256 r = _mm256_set1_ps(rho), omr = _mm256_set1_ps(oneMinusRho);
    const __m256 l = _mm256_set1_ps(lr), e = _mm256_set1_ps(eps);
    for (; i + 8 <= n; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i);
        __m256 vi = _mm256_add_ps(_mm256_mul_ps(r, _mm256_loadu_ps(v + i)), _mm256_mul_ps(omr, _mm256_mul_ps(gi, gi)));
        _mm256_storeu_ps(v + i, vi);
        __m256 denominator = epsilonOutside ? _mm256_add_ps(_mm256_sqrt_ps(vi), e) : _mm256_sqrt_ps(_mm256_add_ps(vi, e));
        __m256 d = _mm256_div_ps(_mm256_mul_ps(l, gi), denominator);
        if (delta) _mm256_storeu_ps(delta + i, d);
        else _mm256_storeu_ps(w + i, _mm256_sub_ps(_mm256_loadu_ps(w + i), d));
    }
    if (i < n) ck_rmsprop_f32_portable(w + i, g + i, v + i, delta ? delta + i : 0, n - i, rho, oneMinusRho, lr, eps,
                                       epsilonOutside);
}

#else
void ck_rmsprop_f32_avx2(float *w, const float *g, float *v, float *delta, size_t n, float rho,
                         float oneMinusRho, float lr, float eps, int epsilonOutside) {
    ck_rmsprop_f32_portable(w, g, v, delta, n, rho, oneMinusRho, lr, eps, epsilonOutside);
}
void ck_rmsprop_narrow_avx2(float *w, const float *g, float *v, float *delta, size_t n, float rho,
                            float oneMinusRho, float lr, float eps, int precision) {
    ck_rmsprop_narrow(w, g, v, delta, n, rho, oneMinusRho, lr, eps, precision);
}
void ck_lost_updates_apply_avx2(float *w, const float *d, size_t n, int format, uint64_t counts[4]) {
    ck_lost_updates_apply_portable(w, d, n, format, counts);
}
void ck_lost_updates_avx2(const float *w, const float *d, size_t n, int format, uint64_t counts[4]) {
    ck_lost_updates_portable(w, d, n, format, counts);
}
void ck_round_f16_avx2(const float *x, float *out, size_t n, ck_round_stats *st, float scale,
                       ck_scaled_counts *sc) { ck_round_f16_portable(x, out, n, st, scale, sc); }
void ck_round_bf16_avx2(const float *x, float *out, size_t n, ck_round_stats *st, float scale,
                        ck_scaled_counts *sc) { ck_round_bf16_portable(x, out, n, st, scale, sc); }
#endif
