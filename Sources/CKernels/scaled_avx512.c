/* AVX-512 scaled-quantisation kernels (ck_has_avx512()): eight elements per step in one
   register of doubles, exact like the portable code, with the statistics in mask registers.

   Same bits as the portable and AVX2 kernels in every field of ck_scaled_stats: counts are
   integers (any order gives the same total), the error maximum is order-free, and the error
   sums go to the eight position lanes p mod 8 in element order (one step is eight consecutive
   positions p = 8m ... 8m + 7, or, along columns, one row of eight consecutive columns, which
   is the order the AVX2 kernels add them in), folded by ck_lanes_fold at the end of the call.
   Blocks holding a NaN or an infinity, zero NVFP4 scales and tails go through the portable
   pieces; shapes the vector code does not take go to the AVX2 kernels.

   Where the time goes, and what this does about it:
   - the element rounding: vgetexppd gives each binade and vscalefpd the exact power-of-two
     scalings, with no integer exponent arithmetic;
   - the statistics: float32 classes by vfpclassps, counts by popcount of masks, and the
     exponent histogram in eight per-lane copies (one shared histogram chains each increment
     to the previous store when exponents repeat, as they do), added up once per call;
   - block maxima, minima and NaN/infinity checks of MX and NVFP4 blocks in vector registers
     (one block per register along rows, eight blocks at once along columns), and the NVFP4
     block scale by the same vector rounding instead of a libm call per block. */
#pragma STDC FP_CONTRACT OFF
#include <math.h>
#include <string.h>
#include "ckernels.h"
#include "ckscaled.h"
#include "scaled_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define TARGET512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma")))

enum { BINS = 257, STRIDE = 264 }; /* histogram bins; per-lane copy, padded */

/* vfpclass categories: quiet and signalling NaN, +-infinity, +-zero. */
enum { CLASS_NAN = 0x01 | 0x80, CLASS_INF = 0x08 | 0x10, CLASS_ZERO = 0x02 | 0x04 };

/* floor(log2|v|) of a nonzero finite float, from its bits. */
static inline int float_binade(float v) {
    uint32_t u;
    memcpy(&u, &v, 4);
    uint32_t e = (u >> 23) & 0xffu, m = u & 0x7fffffu;
    if (e != 0) return (int)e - 127;
    return (31 - __builtin_clz(m)) - 149;
}

/* 2^k as a double, |k| <= 1022. */
static inline double pow2(int k) {
    uint64_t u = (uint64_t)(k + 1023) << 52;
    double d;
    memcpy(&d, &u, 8);
    return d;
}

/* The element's constants, broadcast once per call. */
typedef struct {
    __m512d minExponent, precisionLess1, maxFinite, smallestNormal, unit;
} element512;

TARGET512 static inline element512 element_constants(ck_element e) {
    element512 c;
    c.minExponent = _mm512_set1_pd((double)e.minExponent);
    c.precisionLess1 = _mm512_set1_pd((double)(e.precision - 1));
    c.maxFinite = _mm512_set1_pd((double)e.maxFinite);
    c.smallestNormal = _mm512_set1_pd(pow2(e.minExponent));
    c.unit = _mm512_set1_pd(pow2(e.precision));
    return c;
}

/* Rounds eight scaled values q to the element (ties to even, saturating; a NaN stays q, an
   infinity becomes +-max): r with q's sign, and in *saturated the finite q that went past the
   largest finite value. quantum = 2^(max(binade, emin) - (p - 1)); a / quantum and the product
   back are exact power-of-two scalings. */
TARGET512 static inline __m512d round8(__m512d q, const element512 *c, __mmask8 *saturated) {
    __m512d a = _mm512_abs_pd(q);
    __m512d binade = _mm512_max_pd(_mm512_getexp_pd(a), c->minExponent); /* getexp(0) = -inf */
    __m512d k = _mm512_sub_pd(binade, c->precisionLess1);
    __m512d scaled = _mm512_scalef_pd(a, _mm512_sub_pd(_mm512_setzero_pd(), k));
    __m512d r = _mm512_scalef_pd(_mm512_roundscale_pd(scaled, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC), k);
    /* An infinite a gave NaN above (scalef(inf, -inf)), so only finite q compare greater. */
    __mmask8 over = _mm512_cmp_pd_mask(r, c->maxFinite, _CMP_GT_OQ);
    __mmask8 infinite = _mm512_fpclass_pd_mask(q, CLASS_INF);
    *saturated = over;
    r = _mm512_mask_mov_pd(r, over | infinite, c->maxFinite);
    r = _mm512_or_pd(r, _mm512_and_pd(q, _mm512_set1_pd(-0.0)));
    __mmask8 nan = _mm512_cmp_pd_mask(q, q, _CMP_UNORD_Q);
    return _mm512_mask_mov_pd(r, nan, q);
}

/* The statistics of a call in registers: error lanes, counters, eight histogram copies. */
typedef struct {
    __m512d sum, squares, max;
    __m512i nan, infinite, saturated, flushed, subnormal, errorCount; /* per-lane counts */
    uint64_t (*histogram)[STRIDE];
} acc512;

TARGET512 static void acc_start(acc512 *acc, ck_error_lanes *lanes, uint64_t (*histogram)[STRIDE]) {
    acc->sum = _mm512_loadu_pd(lanes->sum);
    acc->squares = _mm512_loadu_pd(lanes->squares);
    acc->max = _mm512_setzero_pd();
    acc->nan = acc->infinite = acc->saturated = acc->flushed = acc->subnormal = acc->errorCount =
        _mm512_setzero_si512();
    acc->histogram = histogram;
}

/* Moves the registers into the lanes and the statistics (before a portable piece adds to the
   same lanes, and at the end); acc_start again to go on. */
TARGET512 static void acc_finish(acc512 *acc, ck_error_lanes *lanes, ck_scaled_stats *st) {
    _mm512_storeu_pd(lanes->sum, acc->sum);
    _mm512_storeu_pd(lanes->squares, acc->squares);
    if (!st) return;
    double m = _mm512_reduce_max_pd(acc->max);
    if (m > st->errorMax) st->errorMax = m;
    st->nan += (uint64_t)_mm512_reduce_add_epi64(acc->nan);
    st->infinite += (uint64_t)_mm512_reduce_add_epi64(acc->infinite);
    st->saturated += (uint64_t)_mm512_reduce_add_epi64(acc->saturated);
    st->flushed += (uint64_t)_mm512_reduce_add_epi64(acc->flushed);
    st->subnormal += (uint64_t)_mm512_reduce_add_epi64(acc->subnormal);
    st->errorCount += (uint64_t)_mm512_reduce_add_epi64(acc->errorCount);
}

/* Adds the histogram copies to st (once per call). */
static void histogram_fold(uint64_t (*histogram)[STRIDE], ck_scaled_stats *st) {
    for (int b = 0; b < BINS; b++) {
        uint64_t t = 0;
        for (int k = 0; k < 8; k++) t += histogram[k][b];
        st->histogram[b] += t;
    }
}

static inline unsigned popcount8(__mmask8 m) { return (unsigned)__builtin_popcount((unsigned)m); }

/* How a step dequantises: out = (float)r * backFloat (per tensor), or (float)(r * back) in
   double (MX: back = 2^E; NVFP4: back = S t, exact). */
enum { BACK_FLOAT, BACK_DOUBLE };

/* Eight elements x (floats, at out), scaled q: the element, the output and the statistics.
   Returns the mask of flushed elements. */
TARGET512 static inline __mmask8 step8(__m256 x, __m512d q, float *out, int how, __m512d back, float backFloat,
                                       const element512 *c, ck_scaled_stats *st, acc512 *acc) {
    __mmask8 saturated;
    __m512d r = round8(q, c, &saturated);
    if (out) {
        __m256 o;
        if (how == BACK_FLOAT) o = _mm256_mul_ps(_mm512_cvtpd_ps(r), _mm256_set1_ps(backFloat));
        else o = _mm512_cvtpd_ps(_mm512_mul_pd(r, back));
        _mm256_storeu_ps(out, o);
    }
    if (!st) return 0;
    st->count += 8;
    __mmask8 nan = _mm256_fpclass_ps_mask(x, CLASS_NAN);
    __mmask8 inf = _mm256_fpclass_ps_mask(x, CLASS_INF);
    __mmask8 zero = _mm256_fpclass_ps_mask(x, CLASS_ZERO);
    __mmask8 finiteNonzero = (__mmask8)~(nan | inf | zero);
    __m512d ar = _mm512_abs_pd(r);
    __mmask8 rZero = _mm512_mask_cmp_pd_mask(finiteNonzero, ar, _mm512_setzero_pd(), _CMP_EQ_OQ);
    __mmask8 rSub = _mm512_mask_cmp_pd_mask(finiteNonzero & ~rZero, ar, c->smallestNormal, _CMP_LT_OQ);
    const __m512i one = _mm512_set1_epi64(1);
    acc->nan = _mm512_mask_add_epi64(acc->nan, nan, acc->nan, one);
    acc->infinite = _mm512_mask_add_epi64(acc->infinite, inf, acc->infinite, one);
    acc->saturated = _mm512_mask_add_epi64(acc->saturated, saturated & finiteNonzero, acc->saturated, one);
    acc->flushed = _mm512_mask_add_epi64(acc->flushed, rZero, acc->flushed, one);
    acc->subnormal = _mm512_mask_add_epi64(acc->subnormal, rSub, acc->subnormal, one);
    acc->errorCount = _mm512_mask_add_epi64(acc->errorCount, finiteNonzero, acc->errorCount, one);
    __m512d aq = _mm512_abs_pd(q);
    __m512d err = _mm512_mul_pd(_mm512_maskz_div_pd(finiteNonzero, _mm512_abs_pd(_mm512_sub_pd(r, q)), aq), c->unit);
    acc->sum = _mm512_add_pd(acc->sum, err);
    acc->squares = _mm512_add_pd(acc->squares, _mm512_mul_pd(err, err));
    acc->max = _mm512_max_pd(acc->max, err);
    /* Histogram of q by float32 binade: q's double exponent re-biased, clamped to 0 ... 255;
       NaN and infinite x in 255, zero x in 256. */
    __m512i bin = _mm512_sub_epi64(_mm512_srli_epi64(_mm512_castpd_si512(aq), 52), _mm512_set1_epi64(1023 - 127));
    bin = _mm512_min_epi64(_mm512_max_epi64(bin, _mm512_setzero_si512()), _mm512_set1_epi64(255));
    bin = _mm512_mask_mov_epi64(bin, nan | inf, _mm512_set1_epi64(255));
    bin = _mm512_mask_mov_epi64(bin, zero, _mm512_set1_epi64(256));
    int64_t bins[8];
    _mm512_storeu_si512(bins, bin);
    uint64_t (*h)[STRIDE] = acc->histogram;
    h[0][bins[0]] += 1;
    h[1][bins[1]] += 1;
    h[2][bins[2]] += 1;
    h[3][bins[3]] += 1;
    h[4][bins[4]] += 1;
    h[5][bins[5]] += 1;
    h[6][bins[6]] += 1;
    h[7][bins[7]] += 1;
    return rZero;
}

TARGET512 void ck_quantize_tensor_avx512(const float *x, float *out, size_t n, ck_element e, float scale,
                                         float scaleInv, ck_scaled_stats *st) {
    uint64_t histogram[8][STRIDE];
    if (st) memset(histogram, 0, sizeof histogram);
    ck_error_lanes lanes = {{0}, {0}};
    acc512 acc;
    acc_start(&acc, &lanes, histogram);
    element512 c = element_constants(e);
    __m512d s = _mm512_set1_pd((double)scale);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        step8(v, _mm512_mul_pd(_mm512_cvtps_pd(v), s), out ? out + i : NULL, BACK_FLOAT, s, scaleInv, &c, st, &acc);
    }
    acc_finish(&acc, &lanes, st);
    if (st) histogram_fold(histogram, st);
    ck_quantize_tensor_range(x, out, i, n, e, scale, scaleInv, st, &lanes);
    ck_lanes_fold(&lanes, st);
}

/* The largest finite magnitude and the smallest nonzero finite one (+inf if none) of 16
   floats, and whether a NaN or an infinity is among them. */
typedef struct {
    __m512 amax, amin;
    __mmask16 special;
} scan16;

TARGET512 static inline scan16 scan_start(void) {
    return (scan16){_mm512_setzero_ps(), _mm512_set1_ps(INFINITY), 0};
}

TARGET512 static inline void scan_add(scan16 *s, __m512 v) {
    __m512 a = _mm512_abs_ps(v);
    __mmask16 special = _mm512_fpclass_ps_mask(v, CLASS_NAN | CLASS_INF);
    __mmask16 zero = _mm512_fpclass_ps_mask(v, CLASS_ZERO);
    s->special |= special;
    s->amax = _mm512_mask_max_ps(s->amax, (__mmask16)~special, s->amax, a);
    s->amin = _mm512_mask_min_ps(s->amin, (__mmask16)~(special | zero), s->amin, a);
}

/* As scan16 for eight floats (one per block, along columns). */
typedef struct {
    __m256 amax, amin;
    __mmask8 special;
} scan8;

TARGET512 static inline void scan8_add(scan8 *s, __m256 v) {
    __m256 a = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), v);
    __mmask8 special = _mm256_fpclass_ps_mask(v, CLASS_NAN | CLASS_INF);
    __mmask8 zero = _mm256_fpclass_ps_mask(v, CLASS_ZERO);
    s->special |= special;
    s->amax = _mm256_mask_max_ps(s->amax, (__mmask8)~special, s->amax, a);
    s->amin = _mm256_mask_min_ps(s->amin, (__mmask8)~(special | zero), s->amin, a);
}

/* A block's E8M0 exponent (ckscaled.h) and whether it was clamped at -127 with a nonzero element. */
static inline int mx_exponent(float amax, ck_element e, int *clamped) {
    int exponent = -127;
    *clamped = 0;
    if (amax != 0.0f) {
        exponent = float_binade(amax) - e.maxExponent;
        if (exponent < -127) { exponent = -127; *clamped = 1; }
        if (exponent > 127) exponent = 127;
    }
    return exponent;
}

/* The spread statistic of a block from its largest and smallest nonzero finite magnitudes
   (floor(log2) is monotonic, so their binades are the block's extremes). */
static inline void note_spread(ck_scaled_stats *st, float amax, float amin) {
    if (amax != 0.0f) ck_note_spread(st, float_binade(amin), float_binade(amax));
}

TARGET512 void ck_quantize_mx_avx512(const float *x, float *out, uint8_t *scales, size_t rows, size_t cols,
                                     int alongRows, size_t block, ck_element e, ck_scaled_stats *st) {
    if (block % 16 != 0 || (!alongRows && cols % 8 != 0)) {
        ck_quantize_mx_avx2(x, out, scales, rows, cols, alongRows, block, e, st);
        return;
    }
    uint64_t histogram[8][STRIDE];
    if (st) memset(histogram, 0, sizeof histogram);
    ck_error_lanes lanes = {{0}, {0}};
    acc512 acc;
    acc_start(&acc, &lanes, histogram);
    element512 c = element_constants(e);
    if (alongRows) {
        size_t blocks = rows * cols / block;
        for (size_t b = 0; b < blocks; b++) {
            const float *xb = x + b * block;
            scan16 s = scan_start();
            for (size_t j = 0; j < block; j += 16) scan_add(&s, _mm512_loadu_ps(xb + j));
            if (s.special) {
                acc_finish(&acc, &lanes, st);
                ck_quantize_mx_block(x, out, scales, rows, cols, 1, block, e, st, &lanes, b);
                acc_start(&acc, &lanes, histogram);
                continue;
            }
            float amax = _mm512_reduce_max_ps(s.amax);
            int clamped;
            int exponent = mx_exponent(amax, e, &clamped);
            if (st) {
                st->blocks += 1;
                if (clamped) st->clampedScales += 1;
                note_spread(st, amax, _mm512_reduce_min_ps(s.amin));
            }
            if (scales) scales[b] = (uint8_t)(exponent + 127);
            __m512d down = _mm512_set1_pd(pow2(-exponent)), up = _mm512_set1_pd(pow2(exponent));
            unsigned flushed = 0;
            for (size_t j = 0; j < block; j += 8) {
                __m256 v = _mm256_loadu_ps(xb + j);
                flushed += popcount8(step8(v, _mm512_mul_pd(_mm512_cvtps_pd(v), down),
                                           out ? out + b * block + j : NULL, BACK_DOUBLE, up, 0, &c, st, &acc));
            }
            if (st && !clamped) st->flushedInBlock += flushed;
        }
    } else {
        /* Blocks of `block` rows in each column: eight columns (eight blocks) at a time, row by
           row, so lane k takes column c + k's elements in row order, as the other kernels. */
        for (size_t strip = 0; strip < rows / block; strip++) {
            for (size_t col = 0; col < cols; col += 8) {
                const float *xs = x + strip * block * cols + col;
                scan8 s = {_mm256_setzero_ps(), _mm256_set1_ps(INFINITY), 0};
                for (size_t j = 0; j < block; j++) scan8_add(&s, _mm256_loadu_ps(xs + j * cols));
                if (s.special) {
                    acc_finish(&acc, &lanes, st);
                    for (size_t k = 0; k < 8; k++)
                        ck_quantize_mx_block(x, out, scales, rows, cols, 0, block, e, st, &lanes, strip * cols + col + k);
                    acc_start(&acc, &lanes, histogram);
                    continue;
                }
                float amax[8], amin[8];
                double down[8], up[8];
                _mm256_storeu_ps(amax, s.amax);
                _mm256_storeu_ps(amin, s.amin);
                __mmask8 notClamped = 0;
                for (int k = 0; k < 8; k++) {
                    int clamped;
                    int exponent = mx_exponent(amax[k], e, &clamped);
                    notClamped |= (__mmask8)((!clamped) << k);
                    down[k] = pow2(-exponent);
                    up[k] = pow2(exponent);
                    if (scales) scales[strip * cols + col + (size_t)k] = (uint8_t)(exponent + 127);
                    if (st) {
                        st->blocks += 1;
                        if (clamped) st->clampedScales += 1;
                        note_spread(st, amax[k], amin[k]);
                    }
                }
                __m512d downs = _mm512_loadu_pd(down), ups = _mm512_loadu_pd(up);
                unsigned flushed = 0;
                for (size_t j = 0; j < block; j++) {
                    size_t p = (strip * block + j) * cols + col;
                    __m256 v = _mm256_loadu_ps(x + p);
                    flushed += popcount8(step8(v, _mm512_mul_pd(_mm512_cvtps_pd(v), downs), out ? out + p : NULL,
                                               BACK_DOUBLE, ups, 0, &c, st, &acc) &
                                         notClamped);
                }
                if (st) st->flushedInBlock += flushed;
            }
        }
    }
    acc_finish(&acc, &lanes, st);
    if (st) histogram_fold(histogram, st);
    ck_lanes_fold(&lanes, st);
}

/* The E4M3 block scales S = round_E4M3(amax / (6 t)) of eight blocks (t != 0), as
   ck_nvfp4_block_scale: the quotient is correctly rounded in double, then rounded like an element. */
TARGET512 static inline __m512d nvfp4_scales(__m256 amax, float t, const element512 *e4m3) {
    __mmask8 unused;
    __m512d q = _mm512_div_pd(_mm512_cvtps_pd(amax), _mm512_set1_pd(6.0 * (double)t));
    return round8(q, e4m3, &unused);
}

TARGET512 void ck_quantize_nvfp4_avx512(const float *x, float *out, float *scales, size_t rows, size_t cols,
                                        int alongRows, float tensorScale, ck_scaled_stats *st) {
    if ((!alongRows && cols % 8 != 0) || tensorScale == 0.0f) {
        ck_quantize_nvfp4_avx2(x, out, scales, rows, cols, alongRows, tensorScale, st);
        return;
    }
    const size_t block = 16;
    uint64_t histogram[8][STRIDE];
    if (st) memset(histogram, 0, sizeof histogram);
    ck_error_lanes lanes = {{0}, {0}};
    acc512 acc;
    acc_start(&acc, &lanes, histogram);
    element512 c = element_constants(ck_e2m1), c4 = element_constants(ck_e4m3);
    const double t = (double)tensorScale;
    if (alongRows) {
        /* Eight blocks (128 elements) per round: their maxima, then their scales in one vector. */
        size_t blocks = rows * cols / block;
        for (size_t b0 = 0; b0 < blocks; b0 += 8) {
            size_t group = blocks - b0 < 8 ? blocks - b0 : 8;
            float amax[8] = {0}, amin[8] = {0};
            for (size_t k = 0; k < group; k++) {
                scan16 s = scan_start();
                scan_add(&s, _mm512_loadu_ps(x + (b0 + k) * block));
                amax[k] = _mm512_reduce_max_ps(s.amax);
                amin[k] = _mm512_reduce_min_ps(s.amin);
            }
            double S[8], divisor[8];
            __m512d Sv = nvfp4_scales(_mm256_loadu_ps(amax), tensorScale, &c4);
            _mm512_storeu_pd(S, Sv);
            _mm512_storeu_pd(divisor, _mm512_mul_pd(Sv, _mm512_set1_pd(t))); /* exact: 4 x 24 bits */
            for (size_t k = 0; k < group; k++) {
                size_t b = b0 + k;
                if (divisor[k] == 0.0) {
                    acc_finish(&acc, &lanes, st);
                    ck_quantize_nvfp4_block(x, out, scales, rows, cols, 1, tensorScale, st, &lanes, b);
                    acc_start(&acc, &lanes, histogram);
                    continue;
                }
                int clamped = amax[k] != 0.0f && S[k] < 0x1p-6;
                if (st) {
                    st->blocks += 1;
                    if (clamped) st->clampedScales += 1;
                    note_spread(st, amax[k], amin[k]);
                }
                if (scales) scales[b] = (float)S[k];
                __m512d d = _mm512_set1_pd(divisor[k]);
                unsigned flushed = 0;
                for (size_t j = 0; j < block; j += 8) {
                    __m256 v = _mm256_loadu_ps(x + b * block + j);
                    flushed += popcount8(step8(v, _mm512_div_pd(_mm512_cvtps_pd(v), d),
                                               out ? out + b * block + j : NULL, BACK_DOUBLE, d, 0, &c, st, &acc));
                }
                if (st && !clamped) st->flushedInBlock += flushed;
            }
        }
    } else {
        for (size_t strip = 0; strip < rows / block; strip++) {
            for (size_t col = 0; col < cols; col += 8) {
                const float *xs = x + strip * block * cols + col;
                scan8 s = {_mm256_setzero_ps(), _mm256_set1_ps(INFINITY), 0};
                for (size_t j = 0; j < block; j++) scan8_add(&s, _mm256_loadu_ps(xs + j * cols));
                __m512d Sv = nvfp4_scales(s.amax, tensorScale, &c4);
                __m512d dv = _mm512_mul_pd(Sv, _mm512_set1_pd(t));
                if (_mm512_cmp_pd_mask(dv, _mm512_setzero_pd(), _CMP_EQ_OQ)) {
                    acc_finish(&acc, &lanes, st);
                    for (size_t k = 0; k < 8; k++)
                        ck_quantize_nvfp4_block(x, out, scales, rows, cols, 0, tensorScale, st, &lanes,
                                                strip * cols + col + k);
                    acc_start(&acc, &lanes, histogram);
                    continue;
                }
                float amax[8], amin[8];
                double S[8];
                _mm256_storeu_ps(amax, s.amax);
                _mm256_storeu_ps(amin, s.amin);
                _mm512_storeu_pd(S, Sv);
                __mmask8 notClamped = 0;
                for (int k = 0; k < 8; k++) {
                    int clamped = amax[k] != 0.0f && S[k] < 0x1p-6;
                    notClamped |= (__mmask8)((!clamped) << k);
                    if (scales) scales[strip * cols + col + (size_t)k] = (float)S[k];
                    if (st) {
                        st->blocks += 1;
                        if (clamped) st->clampedScales += 1;
                        note_spread(st, amax[k], amin[k]);
                    }
                }
                unsigned flushed = 0;
                for (size_t j = 0; j < block; j++) {
                    size_t p = (strip * block + j) * cols + col;
                    __m256 v = _mm256_loadu_ps(x + p);
                    flushed += popcount8(step8(v, _mm512_div_pd(_mm512_cvtps_pd(v), dv), out ? out + p : NULL,
                                               BACK_DOUBLE, dv, 0, &c, st, &acc) &
                                         notClamped);
                }
                if (st) st->flushedInBlock += flushed;
            }
        }
    }
    acc_finish(&acc, &lanes, st);
    if (st) histogram_fold(histogram, st);
    ck_lanes_fold(&lanes, st);
}

/* The largest finite magnitude of x[0 ..< n] (0 if none): NVFP4's tensor amax. */
TARGET512 float ck_finite_amax_avx512(const float *x, size_t n) {
    __m512 m = _mm512_setzero_ps();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512 v = _mm512_loadu_ps(x + i);
        __mmask16 finite = (__mmask16)~_mm512_fpclass_ps_mask(v, CLASS_NAN | CLASS_INF);
        m = _mm512_mask_max_ps(m, finite, m, _mm512_abs_ps(v));
    }
    float amax = _mm512_reduce_max_ps(m);
    for (; i < n; i++) {
        float a = fabsf(x[i]);
        if (a < INFINITY && a > amax) amax = a;
    }
    return amax;
}

#else
void ck_quantize_tensor_avx512(const float *x, float *out, size_t n, ck_element e, float scale, float scaleInv,
                               ck_scaled_stats *st) {
    ck_quantize_tensor_portable(x, out, n, e, scale, scaleInv, st);
}
void ck_quantize_mx_avx512(const float *x, float *out, uint8_t *scales, size_t rows, size_t cols, int alongRows,
                           size_t block, ck_element e, ck_scaled_stats *st) {
    ck_quantize_mx_portable(x, out, scales, rows, cols, alongRows, block, e, st);
}
void ck_quantize_nvfp4_avx512(const float *x, float *out, float *scales, size_t rows, size_t cols, int alongRows,
                              float tensorScale, ck_scaled_stats *st) {
    ck_quantize_nvfp4_portable(x, out, scales, rows, cols, alongRows, tensorScale, st);
}
float ck_finite_amax_avx512(const float *x, size_t n) { return ck_finite_amax_portable(x, n); }
#endif
