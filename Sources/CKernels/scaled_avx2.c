/* AVX2 scaled-quantisation kernels: the element rounding, dequantisation and per-element
   statistics of eight elements per step in double lanes (exact like the portable code);
   block maxima, minima and NaN/infinity checks eight floats at a time (along columns, eight
   blocks at once); blocks holding NaN or infinity and tails go through the portable pieces. Error sums go to the same eight position lanes as the portable kernels, so both
   give the same bits in every field. */
#pragma STDC FP_CONTRACT OFF
#include <math.h>
#include <string.h>
#include "ckernels.h"
#include "ckscaled.h"
#include "scaled_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define TARGET __attribute__((target("avx2,fma")))

/* floor(log2|v|) of a nonzero finite float, from its bits. */
static inline int float_binade(float v) {
    uint32_t u;
    memcpy(&u, &v, 4);
    uint32_t e = (u >> 23) & 0xffu, m = u & 0x7fffffu;
    if (e != 0) return (int)e - 127;
    return (31 - __builtin_clz(m)) - 149;
}

/* What a block's pre-pass finds: the largest finite magnitude, whether a NaN or infinity is
   there, and the binade range of the nonzero finite elements. */
typedef struct {
    float amax;
    int special;
    int minBinade, maxBinade;
} block_scan;

static inline block_scan scan_start(void) { return (block_scan){0.0f, 0, 1 << 20, -(1 << 20)}; }

/* The pre-pass eight floats at a time: per lane the largest finite magnitude, the smallest
   nonzero finite one (+inf if none), and whether a NaN or infinity came by. */
typedef struct {
    __m256 amax, amin, special;
} vscan;

TARGET static inline vscan vscan_start(void) {
    return (vscan){_mm256_setzero_ps(), _mm256_set1_ps(INFINITY), _mm256_setzero_ps()};
}

TARGET static inline void vscan_add(vscan *s, __m256 v) {
    __m256 a = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), v);
    __m256 finite = _mm256_cmp_ps(a, _mm256_set1_ps(INFINITY), _CMP_LT_OQ); /* false for NaN */
    __m256 nonzero = _mm256_cmp_ps(a, _mm256_setzero_ps(), _CMP_NEQ_OQ);
    s->special = _mm256_or_ps(s->special, _mm256_andnot_ps(finite, _mm256_castsi256_ps(_mm256_set1_epi32(-1))));
    s->amax = _mm256_max_ps(s->amax, _mm256_and_ps(a, finite));
    s->amin = _mm256_min_ps(s->amin, _mm256_blendv_ps(_mm256_set1_ps(INFINITY), a, _mm256_and_ps(finite, nonzero)));
}

/* The block_scan of one block from its extremes (floor(log2) is monotonic, so the binades
   of the smallest and largest nonzero magnitudes are the block's binade range). */
static inline block_scan scan_of(float amax, float amin, int special) {
    block_scan s = scan_start();
    s.amax = amax;
    s.special = special;
    if (amax != 0.0f) {
        s.minBinade = float_binade(amin);
        s.maxBinade = float_binade(amax);
    }
    return s;
}

/* The block_scan of all eight lanes together (a block along rows). */
TARGET static inline block_scan vscan_total(vscan v) {
    float amax[8], amin[8], hi = 0.0f, lo = INFINITY;
    _mm256_storeu_ps(amax, v.amax);
    _mm256_storeu_ps(amin, v.amin);
    for (int k = 0; k < 8; k++) {
        hi = amax[k] > hi ? amax[k] : hi;
        lo = amin[k] < lo ? amin[k] : lo;
    }
    return scan_of(hi, lo, _mm256_movemask_ps(v.special) != 0);
}

/* Lane by lane (eight blocks along columns). */
TARGET static inline void vscan_lanes(vscan v, block_scan s[8]) {
    float amax[8], amin[8];
    _mm256_storeu_ps(amax, v.amax);
    _mm256_storeu_ps(amin, v.amin);
    int special = _mm256_movemask_ps(v.special);
    for (int k = 0; k < 8; k++) s[k] = scan_of(amax[k], amin[k], special >> k & 1);
}

/* 2^k as a double, |k| <= 1022. */
static inline double pow2_scalar(int k) {
    uint64_t u = (uint64_t)(k + 1023) << 52;
    double d;
    memcpy(&d, &u, 8);
    return d;
}

enum { BINS = 257, STRIDE = 264 }; /* histogram bins; per-lane copy, padded */

/* Accumulators of the vector steps. The histogram is counted in eight copies, one per
   position lane, added up once per call: one shared histogram chains each increment to the
   previous store whenever exponents repeat, which they mostly do. */
typedef struct {
    __m256d sumLo, sumHi, squaresLo, squaresHi, maxLo, maxHi;
    uint64_t nan, infinite, saturated, flushed, subnormal, errorCount;
    uint64_t (*histogram)[STRIDE];
} accumulators;

/* Adds the histogram copies to st (once per call). */
static void histogram_fold(uint64_t (*histogram)[STRIDE], ck_scaled_stats *st) {
    for (int b = 0; b < BINS; b++) {
        uint64_t t = 0;
        for (int k = 0; k < 8; k++) t += histogram[k][b];
        st->histogram[b] += t;
    }
}

TARGET static inline __m256d pow2(__m256i k) { /* 2^k for |k| < 1023 */
    return _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(k, _mm256_set1_epi64x(1023)), 52));
}

/* Rounds four scaled values q to the element: |r| and the saturation mask. */
TARGET static inline __m256d round4(__m256d q, ck_element e, __m256d *saturated) {
    const __m256d signMask = _mm256_set1_pd(-0.0);
    __m256d a = _mm256_andnot_pd(signMask, q);
    __m256i expo = _mm256_sub_epi64(_mm256_srli_epi64(_mm256_castpd_si256(a), 52), _mm256_set1_epi64x(1023));
    __m256i minE = _mm256_set1_epi64x(e.minExponent);
    __m256i binade = _mm256_blendv_epi8(expo, minE, _mm256_cmpgt_epi64(minE, expo));
    __m256i k = _mm256_sub_epi64(binade, _mm256_set1_epi64x(e.precision - 1));
    __m256i kc = _mm256_blendv_epi8(k, _mm256_set1_epi64x(0), _mm256_cmpgt_epi64(k, _mm256_set1_epi64x(1000)));
    __m256d scaled = _mm256_mul_pd(a, pow2(_mm256_sub_epi64(_mm256_setzero_si256(), kc)));
    __m256d r = _mm256_mul_pd(_mm256_round_pd(scaled, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC), pow2(kc));
    __m256d maxv = _mm256_set1_pd((double)e.maxFinite);
    __m256d finite = _mm256_cmp_pd(a, _mm256_set1_pd(INFINITY), _CMP_LT_OQ);
    __m256d over = _mm256_cmp_pd(r, maxv, _CMP_GT_OQ);
    *saturated = _mm256_and_pd(over, finite);
    __m256d isInf = _mm256_cmp_pd(a, _mm256_set1_pd(INFINITY), _CMP_EQ_OQ);
    r = _mm256_blendv_pd(r, maxv, _mm256_or_pd(over, isInf));
    __m256d isNaN = _mm256_cmp_pd(a, a, _CMP_UNORD_Q);
    r = _mm256_blendv_pd(r, a, isNaN);
    return _mm256_or_pd(r, _mm256_and_pd(q, signMask));
}

/* The NVFP4 block scale, as ck_nvfp4_block_scale (the quotient correctly rounded in double,
   then rounded to E4M3 like an element), by the vector rounding instead of libm calls. */
TARGET static inline double block_scale(float amax, float t) {
    if (t == 0.0f) return 0.0;
    __m256d saturated;
    return _mm256_cvtsd_f64(round4(_mm256_set1_pd((double)amax / (6.0 * (double)t)), ck_e4m3, &saturated));
}

static inline unsigned popcount4(int m) { return (unsigned)__builtin_popcount(m); }

/* Statistics of four elements (x widened, q, r, saturation) into the accumulators and the
   histogram; sum, squares and max are the four position lanes they belong to. Returns the
   mask of the flushed elements. */
TARGET static inline int note4(accumulators *acc, __m256d xd, __m256d q, __m256d r, __m256d saturated, ck_element e,
                                __m256d *sum, __m256d *squares, __m256d *max, int lane0) {
    const __m256d signMask = _mm256_set1_pd(-0.0);
    __m256d ax = _mm256_andnot_pd(signMask, xd);
    __m256d isNaN = _mm256_cmp_pd(ax, ax, _CMP_UNORD_Q);
    __m256d isInf = _mm256_cmp_pd(ax, _mm256_set1_pd(INFINITY), _CMP_EQ_OQ);
    __m256d finiteNonzero = _mm256_and_pd(_mm256_cmp_pd(ax, _mm256_set1_pd(INFINITY), _CMP_LT_OQ),
                                          _mm256_cmp_pd(ax, _mm256_setzero_pd(), _CMP_NEQ_OQ));
    __m256d ar = _mm256_andnot_pd(signMask, r);
    __m256d rZero = _mm256_cmp_pd(ar, _mm256_setzero_pd(), _CMP_EQ_OQ);
    __m256d rSub = _mm256_and_pd(_mm256_cmp_pd(ar, _mm256_setzero_pd(), _CMP_NEQ_OQ),
                                 _mm256_cmp_pd(ar, _mm256_set1_pd(pow2_scalar(e.minExponent)), _CMP_LT_OQ));
    acc->nan += popcount4(_mm256_movemask_pd(isNaN));
    acc->infinite += popcount4(_mm256_movemask_pd(isInf));
    acc->saturated += popcount4(_mm256_movemask_pd(_mm256_and_pd(saturated, finiteNonzero)));
    acc->flushed += popcount4(_mm256_movemask_pd(_mm256_and_pd(rZero, finiteNonzero)));
    acc->subnormal += popcount4(_mm256_movemask_pd(_mm256_and_pd(rSub, finiteNonzero)));
    acc->errorCount += popcount4(_mm256_movemask_pd(finiteNonzero));
    __m256d aq = _mm256_andnot_pd(signMask, q);
    __m256d err = _mm256_mul_pd(_mm256_div_pd(_mm256_andnot_pd(signMask, _mm256_sub_pd(r, q)), aq),
                                _mm256_set1_pd(pow2_scalar(e.precision)));
    err = _mm256_and_pd(err, finiteNonzero);
    *sum = _mm256_add_pd(*sum, err);
    *squares = _mm256_add_pd(*squares, _mm256_mul_pd(err, err));
    *max = _mm256_max_pd(*max, err);
    /* Histogram of q: NaN and infinite x in 255, zero x in 256, else q's binade clamped to
       0..255 (0: below float32's normal range). */
    __m256i bin = _mm256_sub_epi64(_mm256_srli_epi64(_mm256_castpd_si256(aq), 52), _mm256_set1_epi64x(1023 - 127));
    bin = _mm256_blendv_epi8(bin, _mm256_setzero_si256(), _mm256_cmpgt_epi64(_mm256_set1_epi64x(1), bin));
    bin = _mm256_blendv_epi8(bin, _mm256_set1_epi64x(255), _mm256_cmpgt_epi64(bin, _mm256_set1_epi64x(254)));
    bin = _mm256_blendv_epi8(bin, _mm256_set1_epi64x(255), _mm256_castpd_si256(_mm256_or_pd(isNaN, isInf)));
    bin = _mm256_blendv_epi8(bin, _mm256_set1_epi64x(256),
                             _mm256_castpd_si256(_mm256_cmp_pd(ax, _mm256_setzero_pd(), _CMP_EQ_OQ)));
    int64_t bins[4];
    _mm256_storeu_si256((__m256i *)bins, bin);
    uint64_t (*h)[STRIDE] = acc->histogram + lane0;
    h[0][bins[0]] += 1;
    h[1][bins[1]] += 1;
    h[2][bins[2]] += 1;
    h[3][bins[3]] += 1;
    return _mm256_movemask_pd(_mm256_and_pd(rZero, finiteNonzero));
}

/* Eight elements at xp (position p, a multiple of 8): q = x * mul or x / div, r, the
   dequantised values out = r * back (double) or (float)r * backFloat, and the statistics. */
enum { MULTIPLY, DIVIDE };
enum { BACK_DOUBLE, BACK_FLOAT };

TARGET static inline int step8(const float *xp, float *op, int how, __m256d factorLo, __m256d factorHi, int backHow,
                                __m256d backLo, __m256d backHi, float backFloat, ck_element e, ck_scaled_stats *st,
                                accumulators *acc) {
    __m256 x = _mm256_loadu_ps(xp);
    __m256d xLo = _mm256_cvtps_pd(_mm256_castps256_ps128(x));
    __m256d xHi = _mm256_cvtps_pd(_mm256_extractf128_ps(x, 1));
    __m256d qLo = how == MULTIPLY ? _mm256_mul_pd(xLo, factorLo) : _mm256_div_pd(xLo, factorLo);
    __m256d qHi = how == MULTIPLY ? _mm256_mul_pd(xHi, factorHi) : _mm256_div_pd(xHi, factorHi);
    __m256d satLo, satHi;
    __m256d rLo = round4(qLo, e, &satLo), rHi = round4(qHi, e, &satHi);
    if (op) {
        __m256 out;
        if (backHow == BACK_DOUBLE) {
            out = _mm256_set_m128(_mm256_cvtpd_ps(_mm256_mul_pd(rHi, backHi)), _mm256_cvtpd_ps(_mm256_mul_pd(rLo, backLo)));
        } else {
            out = _mm256_mul_ps(_mm256_set_m128(_mm256_cvtpd_ps(rHi), _mm256_cvtpd_ps(rLo)), _mm256_set1_ps(backFloat));
        }
        _mm256_storeu_ps(op, out);
    }
    if (!st) return 0;
    st->count += 8;
    int lo = note4(acc, xLo, qLo, rLo, satLo, e, &acc->sumLo, &acc->squaresLo, &acc->maxLo, 0);
    int hi = note4(acc, xHi, qHi, rHi, satHi, e, &acc->sumHi, &acc->squaresHi, &acc->maxHi, 4);
    return lo | hi << 4;
}

TARGET static void start(accumulators *acc, ck_error_lanes *lanes, uint64_t (*histogram)[STRIDE]) {
    memset(acc, 0, sizeof *acc);
    acc->histogram = histogram;
    acc->sumLo = _mm256_loadu_pd(lanes->sum);
    acc->sumHi = _mm256_loadu_pd(lanes->sum + 4);
    acc->squaresLo = _mm256_loadu_pd(lanes->squares);
    acc->squaresHi = _mm256_loadu_pd(lanes->squares + 4);
    acc->maxLo = _mm256_setzero_pd();
    acc->maxHi = _mm256_setzero_pd();
}

/* Moves the vector accumulators back into the lanes and the statistics (before any scalar
   piece adds to the same lanes, and at the end). */
TARGET static void finish(accumulators *acc, ck_error_lanes *lanes, ck_scaled_stats *st) {
    _mm256_storeu_pd(lanes->sum, acc->sumLo);
    _mm256_storeu_pd(lanes->sum + 4, acc->sumHi);
    _mm256_storeu_pd(lanes->squares, acc->squaresLo);
    _mm256_storeu_pd(lanes->squares + 4, acc->squaresHi);
    if (!st) return;
    double m[8];
    _mm256_storeu_pd(m, acc->maxLo);
    _mm256_storeu_pd(m + 4, acc->maxHi);
    for (int k = 0; k < 8; k++) if (m[k] > st->errorMax) st->errorMax = m[k];
    st->nan += acc->nan;
    st->infinite += acc->infinite;
    st->saturated += acc->saturated;
    st->flushed += acc->flushed;
    st->subnormal += acc->subnormal;
    st->errorCount += acc->errorCount;
    acc->nan = acc->infinite = acc->saturated = acc->flushed = acc->subnormal = acc->errorCount = 0;
    acc->maxLo = acc->maxHi = _mm256_setzero_pd();
}

TARGET void ck_quantize_tensor_avx2(const float *x, float *out, size_t n, ck_element e, float scale, float scaleInv,
                                    ck_scaled_stats *st) {
    uint64_t histogram[8][STRIDE];
    if (st) memset(histogram, 0, sizeof histogram);
    ck_error_lanes lanes = {{0}, {0}};
    accumulators acc;
    start(&acc, &lanes, histogram);
    __m256d s = _mm256_set1_pd((double)scale);
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        step8(x + i, out ? out + i : NULL, MULTIPLY, s, s, BACK_FLOAT, s, s, scaleInv, e, st, &acc);
    finish(&acc, &lanes, st);
    if (st) histogram_fold(histogram, st);
    ck_quantize_tensor_range(x, out, i, n, e, scale, scaleInv, st, &lanes);
    ck_lanes_fold(&lanes, st);
}

/* One MX block along a row: elements x[base ..< base + block], block a multiple of 8. */
TARGET static void mx_row_block(const float *x, float *out, uint8_t *scales, size_t base, size_t block, size_t b,
                                ck_element e, ck_scaled_stats *st, accumulators *acc, block_scan s) {
    int exponent = -127, clamped = 0;
    if (s.amax != 0.0f) {
        exponent = float_binade(s.amax) - e.maxExponent;
        if (exponent < -127) { exponent = -127; clamped = 1; }
        if (exponent > 127) exponent = 127;
    }
    if (st) {
        st->blocks += 1;
        if (clamped) st->clampedScales += 1;
        ck_note_spread(st, s.minBinade, s.maxBinade);
    }
    if (scales) scales[b] = (uint8_t)(exponent + 127);
    __m256d down = _mm256_set1_pd(pow2_scalar(-exponent)), up = _mm256_set1_pd(pow2_scalar(exponent));
    uint64_t flushedBefore = acc->flushed;
    for (size_t j = 0; j < block; j += 8)
        step8(x + base + j, out ? out + base + j : NULL, MULTIPLY, down, down, BACK_DOUBLE, up, up, 0, e, st, acc);
    if (st && !clamped) st->flushedInBlock += acc->flushed - flushedBefore;
}

TARGET void ck_quantize_mx_avx2(const float *x, float *out, uint8_t *scales, size_t rows, size_t cols, int alongRows,
                                size_t block, ck_element e, ck_scaled_stats *st) {
    if (block % 8 != 0 || (!alongRows && cols % 8 != 0)) {
        ck_quantize_mx_portable(x, out, scales, rows, cols, alongRows, block, e, st);
        return;
    }
    uint64_t histogram[8][STRIDE];
    if (st) memset(histogram, 0, sizeof histogram);
    ck_error_lanes lanes = {{0}, {0}};
    accumulators acc;
    start(&acc, &lanes, histogram);
    if (alongRows) {
        size_t blocks = rows * cols / block;
        for (size_t b = 0; b < blocks; b++) {
            vscan v = vscan_start();
            for (size_t j = 0; j < block; j += 8) vscan_add(&v, _mm256_loadu_ps(x + b * block + j));
            block_scan s = vscan_total(v);
            if (s.special) {
                finish(&acc, &lanes, st);
                ck_quantize_mx_block(x, out, scales, rows, cols, 1, block, e, st, &lanes, b);
                start(&acc, &lanes, histogram);
                continue;
            }
            mx_row_block(x, out, scales, b * block, block, b, e, st, &acc, s);
        }
    } else {
        /* Blocks of `block` rows in each column: eight columns at a time, row by row. */
        for (size_t strip = 0; strip < rows / block; strip++) {
            for (size_t c = 0; c < cols; c += 8) {
                vscan v = vscan_start();
                for (size_t j = 0; j < block; j++) vscan_add(&v, _mm256_loadu_ps(x + (strip * block + j) * cols + c));
                block_scan s[8];
                vscan_lanes(v, s);
                if (_mm256_movemask_ps(v.special)) {
                    finish(&acc, &lanes, st);
                    for (size_t k = 0; k < 8; k++)
                        ck_quantize_mx_block(x, out, scales, rows, cols, 0, block, e, st, &lanes, strip * cols + c + k);
                    start(&acc, &lanes, histogram);
                    continue;
                }
                double down[8], up[8];
                int clamped[8];
                for (int k = 0; k < 8; k++) {
                    int exponent = -127;
                    clamped[k] = 0;
                    if (s[k].amax != 0.0f) {
                        exponent = float_binade(s[k].amax) - e.maxExponent;
                        if (exponent < -127) { exponent = -127; clamped[k] = 1; }
                        if (exponent > 127) exponent = 127;
                    }
                    down[k] = pow2_scalar(-exponent);
                    up[k] = pow2_scalar(exponent);
                    if (scales) scales[strip * cols + c + (size_t)k] = (uint8_t)(exponent + 127);
                    if (st) {
                        st->blocks += 1;
                        if (clamped[k]) st->clampedScales += 1;
                        ck_note_spread(st, s[k].minBinade, s[k].maxBinade);
                    }
                }
                int notClamped = 0;
                for (int k = 0; k < 8; k++) notClamped |= (!clamped[k]) << k;
                __m256d downLo = _mm256_loadu_pd(down), downHi = _mm256_loadu_pd(down + 4);
                __m256d upLo = _mm256_loadu_pd(up), upHi = _mm256_loadu_pd(up + 4);
                for (size_t j = 0; j < block; j++) {
                    size_t p = (strip * block + j) * cols + c;
                    int flushed = step8(x + p, out ? out + p : NULL, MULTIPLY, downLo, downHi, BACK_DOUBLE, upLo, upHi,
                                        0, e, st, &acc);
                    if (st) st->flushedInBlock += (uint64_t)__builtin_popcount(flushed & notClamped);
                }
            }
        }
    }
    finish(&acc, &lanes, st);
    if (st) histogram_fold(histogram, st);
    ck_lanes_fold(&lanes, st);
}

TARGET void ck_quantize_nvfp4_avx2(const float *x, float *out, float *scales, size_t rows, size_t cols, int alongRows,
                                   float tensorScale, ck_scaled_stats *st) {
    if (!alongRows && cols % 8 != 0) {
        ck_quantize_nvfp4_portable(x, out, scales, rows, cols, alongRows, tensorScale, st);
        return;
    }
    const size_t block = 16;
    uint64_t histogram[8][STRIDE];
    if (st) memset(histogram, 0, sizeof histogram);
    ck_error_lanes lanes = {{0}, {0}};
    accumulators acc;
    start(&acc, &lanes, histogram);
    if (alongRows) {
        size_t blocks = rows * cols / block;
        for (size_t b = 0; b < blocks; b++) {
            vscan v = vscan_start();
            vscan_add(&v, _mm256_loadu_ps(x + b * block));
            vscan_add(&v, _mm256_loadu_ps(x + b * block + 8));
            block_scan s = vscan_total(v);
            double S = block_scale(s.amax, tensorScale);
            double divisor = S * (double)tensorScale;
            if (divisor == 0.0) {
                finish(&acc, &lanes, st);
                ck_quantize_nvfp4_block(x, out, scales, rows, cols, 1, tensorScale, st, &lanes, b);
                start(&acc, &lanes, histogram);
                continue;
            }
            int clamped = s.amax != 0.0f && S < 0x1p-6;
            if (st) {
                st->blocks += 1;
                if (clamped) st->clampedScales += 1;
                ck_note_spread(st, s.minBinade, s.maxBinade);
            }
            if (scales) scales[b] = (float)S;
            __m256d d = _mm256_set1_pd(divisor);
            uint64_t flushedBefore = acc.flushed;
            for (size_t j = 0; j < block; j += 8)
                step8(x + b * block + j, out ? out + b * block + j : NULL, DIVIDE, d, d, BACK_DOUBLE, d, d, 0, ck_e2m1,
                      st, &acc);
            if (st && !clamped) st->flushedInBlock += acc.flushed - flushedBefore;
        }
    } else {
        for (size_t strip = 0; strip < rows / block; strip++) {
            for (size_t c = 0; c < cols; c += 8) {
                vscan v = vscan_start();
                for (size_t j = 0; j < block; j++) vscan_add(&v, _mm256_loadu_ps(x + (strip * block + j) * cols + c));
                block_scan s[8];
                vscan_lanes(v, s);
                double divisor[8];
                int clamped[8], zero = 0;
                for (int k = 0; k < 8; k++) {
                    double S = block_scale(s[k].amax, tensorScale);
                    divisor[k] = S * (double)tensorScale;
                    zero |= divisor[k] == 0.0;
                    clamped[k] = s[k].amax != 0.0f && S < 0x1p-6;
                    if (!zero) {
                        if (scales) scales[strip * cols + c + (size_t)k] = (float)S;
                    }
                }
                if (zero) {
                    finish(&acc, &lanes, st);
                    for (size_t k = 0; k < 8; k++)
                        ck_quantize_nvfp4_block(x, out, scales, rows, cols, 0, tensorScale, st, &lanes,
                                                strip * cols + c + k);
                    start(&acc, &lanes, histogram);
                    continue;
                }
                if (st) {
                    for (int k = 0; k < 8; k++) {
                        st->blocks += 1;
                        if (clamped[k]) st->clampedScales += 1;
                        ck_note_spread(st, s[k].minBinade, s[k].maxBinade);
                    }
                }
                int notClamped = 0;
                for (int k = 0; k < 8; k++) notClamped |= (!clamped[k]) << k;
                __m256d dLo = _mm256_loadu_pd(divisor), dHi = _mm256_loadu_pd(divisor + 4);
                for (size_t j = 0; j < block; j++) {
                    size_t p = (strip * block + j) * cols + c;
                    int flushed =
                        step8(x + p, out ? out + p : NULL, DIVIDE, dLo, dHi, BACK_DOUBLE, dLo, dHi, 0, ck_e2m1, st, &acc);
                    if (st) st->flushedInBlock += (uint64_t)__builtin_popcount(flushed & notClamped);
                }
            }
        }
    }
    finish(&acc, &lanes, st);
    if (st) histogram_fold(histogram, st);
    ck_lanes_fold(&lanes, st);
}

TARGET float ck_finite_amax_avx2(const float *x, size_t n) {
    __m256 m = _mm256_setzero_ps();
    const __m256 magnitude = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    const __m256 infinity = _mm256_set1_ps(INFINITY);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 a = _mm256_and_ps(_mm256_loadu_ps(x + i), magnitude);
        /* a < inf is false for NaN and infinity: those lanes add 0. */
        m = _mm256_max_ps(m, _mm256_and_ps(a, _mm256_cmp_ps(a, infinity, _CMP_LT_OQ)));
    }
    float lanes[8], amax = 0.0f;
    _mm256_storeu_ps(lanes, m);
    for (int k = 0; k < 8; k++) if (lanes[k] > amax) amax = lanes[k];
    for (; i < n; i++) {
        float a = fabsf(x[i]);
        if (a < INFINITY && a > amax) amax = a;
    }
    return amax;
}

#else
float ck_finite_amax_avx2(const float *x, size_t n) { return ck_finite_amax_portable(x, n); }
void ck_quantize_tensor_avx2(const float *x, float *out, size_t n, ck_element e, float scale, float scaleInv,
                             ck_scaled_stats *st) {
    ck_quantize_tensor_portable(x, out, n, e, scale, scaleInv, st);
}
void ck_quantize_mx_avx2(const float *x, float *out, uint8_t *scales, size_t rows, size_t cols, int alongRows,
                         size_t block, ck_element e, ck_scaled_stats *st) {
    ck_quantize_mx_portable(x, out, scales, rows, cols, alongRows, block, e, st);
}
void ck_quantize_nvfp4_avx2(const float *x, float *out, float *scales, size_t rows, size_t cols, int alongRows,
                            float tensorScale, ck_scaled_stats *st) {
    ck_quantize_nvfp4_portable(x, out, scales, rows, cols, alongRows, tensorScale, st);
}
#endif
