/* AVX-512 versions of the bulk rounding kernels: sixteen elements per step, comparisons into
   mask registers, counters in vector lanes; the exponent histogram's bins buffered by vector
   stores and tallied by a short scalar loop every TALLY elements.

   They give the bits of the AVX2 kernels, statistics included: every count is an integer
   (any order gives the same total), and the floating-point sums of the rounding error are
   accumulated exactly as the AVX2 kernels do, in eight float lanes, lane k taking elements
   k, k + 8, k + 16, ... of each block of 8 x BLOCK elements in order (the low half of a
   sixteen-lane step, then its high half), and folded into double at the same block ends.
   So a run's statistics do not depend on which of the two kernels the CPU chose.

   Why the histogram is tallied apart: incrementing it inside the vector loop (sixteen
   read-modify-writes per step, at addresses known only late) ran at 260 Melem/s on a Zen 4
   in SwiftPM's build (-fno-omit-frame-pointer), a quarter of the same code without the frame
   pointer; the vector loop now does no read-modify-write of memory at all, and the separate
   tally spreads runs of equal bins over four histogram copies. Measured on a Zen 4 with the
   C kernels alone, both versions built with SwiftPM's flags in one program, interleaved over 7
   rounds (one thread, chunks of 65,536 elements, every counter and the counterfactual):
   float16 267 -> 1171 Melem/s, bfloat16 144 -> 1097 (medians). */
#include <string.h>
#include "ckernels.h"
#include "kernels_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define TARGET512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,f16c,fma")))
enum { BLOCK512 = 1 << 12 };     /* 8-element vectors per fold, as the AVX2 kernels */
enum { STRIDE = CK_HISTOGRAM_BINS + 7 }; /* one histogram copy, padded */
enum { TALLY = 1024 };                   /* elements whose bins are buffered, then tallied */

int ck_has_avx512(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

TARGET512 static inline __m512 round_f16_512(__m512 v) {
    return _mm512_cvtph_ps(_mm512_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}

/* bfloat16 round to nearest even on the bits; a NaN is quieted and truncated (as AVX2). */
TARGET512 static inline __m512 round_bf16_512(__m512 v) {
    __m512i u = _mm512_castps_si512(v);
    __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(u, 16), _mm512_set1_epi32(1));
    __m512i rounded = _mm512_add_epi32(u, _mm512_add_epi32(_mm512_set1_epi32(0x7fff), lsb));
    __m512i quiet = _mm512_or_si512(u, _mm512_set1_epi32(0x00400000));
    __mmask16 nan = _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
    __m512i r = _mm512_mask_mov_epi32(rounded, nan, quiet);
    return _mm512_castsi512_ps(_mm512_and_si512(r, _mm512_set1_epi32((int)0xffff0000u)));
}

typedef struct {
    __m512i overflow, underflow, subnormal, nan, infinite, valid;
    __m512i scaledOverflow, scaledUnderflow, scaledSubnormal;
    __m256 errorSum, errorSquares; /* eight lanes, as the AVX2 kernels */
    __m512 errorMax;
} acc512;

TARGET512 static inline uint64_t total512(__m512i v) {
    return (uint64_t)(uint32_t)_mm512_reduce_add_epi32(v); /* at most 2 x BLOCK512 per lane */
}

/* The same fold as the AVX2 kernels: lanes summed in double in lane order. */
TARGET512 static inline double lane_sum8(__m256 v) {
    float t[8];
    _mm256_storeu_ps(t, v);
    double s = 0;
    for (int k = 0; k < 8; k++) s += t[k];
    return s;
}

/* Inlined so that no pointer to the accumulators escapes the counting loop: clang then keeps
   them in registers, where a call would pin them to the stack and chain every step's counter
   updates through a store and a reload. */
TARGET512 static inline __attribute__((always_inline)) void fold512(acc512 *a, ck_round_stats *st,
                                                                    ck_scaled_counts *sc) {
    if (st) {
        st->overflow += total512(a->overflow);
        st->underflow += total512(a->underflow);
        st->subnormal += total512(a->subnormal);
        st->nan += total512(a->nan);
        st->infinite += total512(a->infinite);
        st->errorCount += total512(a->valid);
        st->errorSum += lane_sum8(a->errorSum);
        st->errorSquares += lane_sum8(a->errorSquares);
        float m = _mm512_reduce_max_ps(a->errorMax);
        if (m > st->errorMax) st->errorMax = m;
    }
    if (sc) {
        sc->overflow += total512(a->scaledOverflow);
        sc->underflow += total512(a->scaledUnderflow);
        sc->subnormal += total512(a->scaledSubnormal);
    }
    memset(a, 0, sizeof *a);
}

/* acc += 1 in the lanes of mask, as one masked vpaddd: clang turns the intrinsic into a
   mask-to-vector move and a subtraction (two instructions, the move on the shuffle port that
   the comparisons already crowd; measured 10-20% slower over the whole kernel). */
#define INC(acc, mask) __asm__("vpaddd %2, %0, %0%{%1%}" : "+v"(acc) : "Yk"(mask), "v"(one))

/* Statistics of one step of up to sixteen elements: x, its rounding r, the rounding rs of
   x * scale; `active` selects the elements (all sixteen, or the low eight for a last odd
   8-element vector). Constant arguments fold away after inlining. */
TARGET512 static inline __attribute__((always_inline)) void step512(
    acc512 *a, uint16_t *bins, int stats, int scaled, int half, __m512 v, __m512 r, __m512 rs,
    __m512 minNormal) {
    const __m512 inf = _mm512_set1_ps(__builtin_inff()), zero = _mm512_setzero_ps();
    const __m512i one = _mm512_set1_epi32(1);
    const __mmask16 active = half ? 0x00ff : 0xffff;
    __m512 ax = _mm512_abs_ps(v);
    __mmask16 finiteNonzero = _mm512_cmp_ps_mask(ax, inf, _CMP_LT_OQ) & _mm512_cmp_ps_mask(ax, zero, _CMP_NEQ_OQ) & active;
    if (scaled) {
        __m512 ars = _mm512_abs_ps(rs);
        __mmask16 over = finiteNonzero & _mm512_cmp_ps_mask(ars, inf, _CMP_EQ_OQ);
        __mmask16 zeroS = _mm512_cmp_ps_mask(ars, zero, _CMP_EQ_OQ);
        __mmask16 under = finiteNonzero & zeroS;
        __mmask16 sub = finiteNonzero & _mm512_cmp_ps_mask(ars, minNormal, _CMP_LT_OQ) & ~zeroS;
        INC(a->scaledOverflow, over);
        INC(a->scaledUnderflow, under);
        INC(a->scaledSubnormal, sub);
    }
    if (!stats) return;
    __m512 ar = _mm512_abs_ps(r);
    __mmask16 rInfinite = _mm512_cmp_ps_mask(ar, inf, _CMP_EQ_OQ);
    __mmask16 rZero = _mm512_cmp_ps_mask(ar, zero, _CMP_EQ_OQ);
    __mmask16 over = finiteNonzero & rInfinite;
    __mmask16 under = finiteNonzero & rZero;
    __mmask16 sub = _mm512_cmp_ps_mask(ar, minNormal, _CMP_LT_OQ) & ~rZero & active;
    __mmask16 valid = finiteNonzero & ~rInfinite;
    __mmask16 nan = _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q) & active;
    __mmask16 infinite = _mm512_cmp_ps_mask(ax, inf, _CMP_EQ_OQ) & active;
    INC(a->overflow, over);
    INC(a->underflow, under);
    INC(a->subnormal, sub);
    INC(a->nan, nan);
    INC(a->infinite, infinite);
    INC(a->valid, valid);
    /* |r - x| is exact; one correctly rounded division, as in the AVX2 kernels. */
    __m512 rel = _mm512_maskz_div_ps(valid, _mm512_abs_ps(_mm512_sub_ps(r, v)), ax);
    __m256 low = _mm512_castps512_ps256(rel);
    a->errorSum = _mm256_add_ps(a->errorSum, low);
    a->errorSquares = _mm256_fmadd_ps(low, low, a->errorSquares);
    if (!half) {
        __m256 high = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(rel), 1));
        a->errorSum = _mm256_add_ps(a->errorSum, high);
        a->errorSquares = _mm256_fmadd_ps(high, high, a->errorSquares);
    }
    a->errorMax = _mm512_max_ps(a->errorMax, rel);
    /* Histogram bin: the biased exponent, or 256 for zeros; stored for the tally. */
    __m512i e = _mm512_and_si512(_mm512_srli_epi32(_mm512_castps_si512(v), 23), _mm512_set1_epi32(0xff));
    __m512i bin = _mm512_mask_mov_epi32(e, _mm512_cmp_ps_mask(ax, zero, _CMP_EQ_OQ), _mm512_set1_epi32(256));
    if (half)
        _mm_storeu_si128((__m128i *)bins, _mm256_castsi256_si128(_mm512_cvtepi32_epi16(bin)));
    else
        _mm256_storeu_si256((__m256i *)bins, _mm512_cvtepi32_epi16(bin));
}

/* Adds the bins of `count` elements (a multiple of 8: whole steps) to the histogram copies:
   four copies taken in turn, so that equal bins in a row (the common case) do not chain every
   increment to the previous one's store. */
static inline __attribute__((always_inline)) void tally(uint32_t *hist, const uint16_t *bins, size_t count) {
    for (size_t k = 0; k < count; k += 4) {
        hist[bins[k]]++;
        hist[STRIDE + bins[k + 1]]++;
        hist[2 * STRIDE + bins[k + 2]]++;
        hist[3 * STRIDE + bins[k + 3]]++;
    }
}

/* The counting loop over the 8-element vectors [0, vectors8), blocks as the AVX2 kernels. */
TARGET512 static inline __attribute__((always_inline)) void count512(
    const float *x, float *out, size_t vectors8, ck_round_stats *st, ck_scaled_counts *sc,
    float scale, float minNormalValue, int bf16, int stats, int scaled, uint32_t *hist) {
    const __m512 minNormal = _mm512_set1_ps(minNormalValue), s = _mm512_set1_ps(scale);
    uint16_t bins[TALLY];
    acc512 a;
    memset(&a, 0, sizeof a);
    size_t i = 0, end8 = vectors8 * 8;
    while (i < end8) {
        size_t end = i + (size_t)BLOCK512 * 8;
        if (end > end8) end = end8;
        while (i + 16 <= end) {
            size_t stop = i + TALLY <= end ? i + TALLY : end, start = i;
            for (; i + 16 <= stop; i += 16) {
                __m512 v = _mm512_loadu_ps(x + i);
                __m512 r = bf16 ? round_bf16_512(v) : round_f16_512(v);
                __m512 rs = scaled ? (bf16 ? round_bf16_512(_mm512_mul_ps(v, s)) : round_f16_512(_mm512_mul_ps(v, s))) : r;
                if (out) _mm512_storeu_ps(out + i, r);
                step512(&a, bins + (i - start), stats, scaled, 0, v, r, rs, minNormal);
            }
            if (stats) tally(hist, bins, i - start);
        }
        if (i < end) { /* one 8-element vector left in this block */
            __m512 v = _mm512_maskz_loadu_ps(0x00ff, x + i);
            __m512 r = bf16 ? round_bf16_512(v) : round_f16_512(v);
            __m512 rs = scaled ? (bf16 ? round_bf16_512(_mm512_mul_ps(v, s)) : round_f16_512(_mm512_mul_ps(v, s))) : r;
            if (out) _mm512_mask_storeu_ps(out + i, 0x00ff, r);
            step512(&a, bins, stats, scaled, 1, v, r, rs, minNormal);
            if (stats) tally(hist, bins, 8);
            i += 8;
        }
        fold512(&a, stats ? st : 0, scaled ? sc : 0);
    }
}

/* Calls beyond this many elements are split so that no uint32 histogram count can overflow
   (2^31 elements: about 2^29 per copy). */
#define MAX_PART ((size_t)1 << 31)

#define KERNEL512(NAME, BF16, PORTABLE, MIN_NORMAL)                                            \
    TARGET512 void NAME(const float *x, float *out, size_t n, ck_round_stats *st, float scale, \
                        ck_scaled_counts *sc) {                                                \
        if (!st && !sc) {                                                                      \
            size_t i = 0;                                                                      \
            for (; i + 16 <= n; i += 16)                                                       \
                _mm512_storeu_ps(out + i, BF16 ? round_bf16_512(_mm512_loadu_ps(x + i))        \
                                               : round_f16_512(_mm512_loadu_ps(x + i)));       \
            if (i < n) {                                                                       \
                __mmask16 m = (__mmask16)((1u << (n - i)) - 1u);                               \
                __m512 v = _mm512_maskz_loadu_ps(m, x + i);                                    \
                _mm512_mask_storeu_ps(out + i, m, BF16 ? round_bf16_512(v) : round_f16_512(v)); \
            }                                                                                  \
            return;                                                                            \
        }                                                                                      \
        if (n > MAX_PART) {                                                                    \
            /* Parts that are whole blocks, so the fold points stay those of one call. */      \
            NAME(x, out, MAX_PART, st, scale, sc);                                             \
            NAME(x + MAX_PART, out ? out + MAX_PART : 0, n - MAX_PART, st, scale, sc);         \
            return;                                                                            \
        }                                                                                      \
        size_t vectors8 = n / 8;                                                               \
        static const size_t cells = 4 * STRIDE;                                                \
        uint32_t hist[4 * STRIDE];                                                             \
        if (st) memset(hist, 0, sizeof hist);                                                  \
        if (st && sc)                                                                          \
            count512(x, out, vectors8, st, sc, scale, MIN_NORMAL, BF16, 1, 1, hist);           \
        else if (st)                                                                           \
            count512(x, out, vectors8, st, sc, scale, MIN_NORMAL, BF16, 1, 0, hist);           \
        else                                                                                   \
            count512(x, out, vectors8, st, sc, scale, MIN_NORMAL, BF16, 0, 1, hist);           \
        if (st) {                                                                              \
            for (size_t k = 0; k < cells; k++)                                                  \
                if (hist[k]) st->histogram[k % STRIDE] += hist[k];                             \
            st->count += vectors8 * 8;                                                         \
        }                                                                                      \
        size_t i = vectors8 * 8;                                                               \
        if (i < n) PORTABLE(x + i, out ? out + i : 0, n - i, st, scale, sc);                   \
    }

KERNEL512(ck_round_f16_avx512, 0, ck_round_f16_portable, 0x1p-14f)
KERNEL512(ck_round_bf16_avx512, 1, ck_round_bf16_portable, 0x1p-126f)

#else
int ck_has_avx512(void) { return 0; }
void ck_round_f16_avx512(const float *x, float *out, size_t n, ck_round_stats *st, float scale,
                         ck_scaled_counts *sc) {
    ck_round_f16_portable(x, out, n, st, scale, sc);
}
void ck_round_bf16_avx512(const float *x, float *out, size_t n, ck_round_stats *st, float scale,
                          ck_scaled_counts *sc) {
    ck_round_bf16_portable(x, out, n, st, scale, sc);
}
#endif
