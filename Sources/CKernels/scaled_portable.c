/* Scaled quantisation, one element at a time: the definition the vector kernels reproduce
   bit for bit (ckscaled.h). Exact arithmetic in double: x * s (24 x 24 bits), x / 2^E and
   x / (S t) need no rounding before the element's own, or round where no element rounding
   can be affected (a quotient within 2^-53 of an element midpoint is the midpoint itself: the
   midpoints have at most 5 significant bits and x, S t at most 24 and 28). */
#include <math.h>
#include <string.h>
#include "ckscaled.h"
#include "scaled_internal.h"
#include "kernels_internal.h"

float ck_element_round(double q, ck_element e) { return (float)ck_round_element(q, e, NULL); }

/* One element rounded with IEEE overflow: an infinity instead of saturation. */
static inline float round_ieee(float v, ck_element e) {
    int saturated;
    double r = ck_round_element((double)v, e, &saturated);
    return saturated ? copysignf(INFINITY, v) : (float)r;
}

void ck_round_element_portable(const float *x, float *out, size_t n, ck_element e, ck_round_stats *st,
                               float scale, ck_scaled_counts *sc) {
    /* 2^emin, 0 below float32's range (then no float32 result is subnormal in the format). */
    float minNormal = (float)ldexp(1.0, e.minExponent);
    for (size_t i = 0; i < n; i++) {
        float v = x[i], r = round_ieee(v, e);
        if (st) ck_note(st, v, r, minNormal);
        if (sc) ck_note_scaled(sc, v, round_ieee(v * scale, e), minNormal);
        if (out) out[i] = r;
    }
}

double ck_round_element(double q, ck_element e, int *saturated) {
    if (saturated) *saturated = 0;
    if (q != q) return q;
    double a = fabs(q);
    if (a == 0.0) return q;
    if (isinf(a)) {
        return copysign((double)e.maxFinite, q);
    }
    int binade = ck_floor_log2(a);
    if (binade < e.minExponent) binade = e.minExponent;
    double quantum = ck_pow2(binade - (e.precision - 1));
    /* a / quantum (exact) lies in [0, 2^p): adding and subtracting 2^52 rounds it to an
       integer, ties to even (the default rounding, as nearbyint would use), without a call. */
    double r = ((a / quantum + 0x1p52) - 0x1p52) * quantum;
    if (r > (double)e.maxFinite) {
        r = e.maxFinite;
        if (saturated) *saturated = 1;
    }
    return copysign(r, q);
}

int ck_floor_log2(double a) {
    uint64_t u;
    memcpy(&u, &a, 8);
    int field = (int)(u >> 52 & 0x7ff);
    if (field != 0) return field - 1023; /* normal: the exponent field, unbiased */
    int exponent;
    (void)frexp(a, &exponent); /* a subnormal double */
    return exponent - 1;
}

double ck_pow2(int k) {
    if (k < -1022 || k > 1023) return ldexp(1.0, k);
    uint64_t u = (uint64_t)(k + 1023) << 52;
    double d;
    memcpy(&d, &u, 8);
    return d;
}

void ck_lanes_fold(ck_error_lanes *lanes, ck_scaled_stats *st) {
    if (!st) return;
    double *s = lanes->sum, *q = lanes->squares;
    st->errorSum += ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    st->errorSquares += ((q[0] + q[1]) + (q[2] + q[3])) + ((q[4] + q[5]) + (q[6] + q[7]));
}

void ck_scaled_note(ck_scaled_stats *st, ck_error_lanes *lanes, size_t p, float x, double q, double r,
                    int saturated, ck_element e, int inNaNBlock) {
    st->count += 1;
    if (x != x) { st->nan += 1; st->histogram[255] += 1; return; }
    if (isinf(x)) { st->infinite += 1; st->histogram[255] += 1; return; }
    if (x == 0.0f) { st->histogram[256] += 1; return; }
    if (inNaNBlock) { st->histogram[255] += 1; return; }
    double aq = fabs(q);
    if (aq == 0.0) {
        st->histogram[256] += 1;
    } else {
        int b = ck_floor_log2(aq) + 127;
        st->histogram[b < 1 ? 0 : (b > 254 ? 255 : b)] += 1;
    }
    if (saturated) st->saturated += 1;
    if (r == 0.0) st->flushed += 1;
    else if (fabs(r) < ck_pow2(e.minExponent)) st->subnormal += 1;
    if (aq == 0.0) return; /* q underflowed the double range: not possible for float32 x */
    double err = fabs(r - q) / aq * ck_pow2(e.precision);
    st->errorCount += 1;
    lanes->sum[p & 7] += err;
    lanes->squares[p & 7] += err * err;
    if (err > st->errorMax) st->errorMax = err;
}

void ck_quantize_tensor_portable(const float *x, float *out, size_t n, ck_element e, float scale,
                                 float scaleInv, ck_scaled_stats *st) {
    ck_error_lanes lanes = {{0}, {0}};
    ck_quantize_tensor_range(x, out, 0, n, e, scale, scaleInv, st, &lanes);
    ck_lanes_fold(&lanes, st);
}

void ck_quantize_tensor_range(const float *x, float *out, size_t from, size_t to, ck_element e, float scale,
                              float scaleInv, ck_scaled_stats *st, ck_error_lanes *lanes) {
    for (size_t i = from; i < to; i++) {
        float v = x[i];
        double q = (double)v * (double)scale;
        int saturated;
        double r = ck_round_element(q, e, &saturated);
        if (st) ck_scaled_note(st, lanes, i, v, q, r, saturated, e, 0);
        if (out) out[i] = (float)r * scaleInv;
    }
}

/* The spread of a block: max - min floor(log2|x|) over its nonzero finite elements. */
void ck_note_spread(ck_scaled_stats *st, int minBinade, int maxBinade) {
    if (minBinade > maxBinade) return; /* no nonzero element */
    int s = maxBinade - minBinade;
    st->spread[s >= CK_SPREAD_BINS - 1 ? CK_SPREAD_BINS - 1 : s] += 1;
}

/* Element (block b, index j) of the rows x cols matrix: blocks along rows run over
   consecutive columns, along columns over consecutive rows. */
static inline size_t position(size_t rows, size_t cols, int alongRows, size_t block, size_t b, size_t j) {
    if (alongRows) return b * block + j; /* row-major blocks of a row are consecutive */
    size_t perColumn = rows / block;
    size_t column = b % cols, strip = b / cols;
    (void)perColumn;
    return (strip * block + j) * cols + column;
}

void ck_quantize_mx_portable(const float *x, float *out, uint8_t *scales, size_t rows, size_t cols,
                             int alongRows, size_t block, ck_element e, ck_scaled_stats *st) {
    ck_error_lanes lanes = {{0}, {0}};
    size_t blocks = rows * cols / block;
    for (size_t b = 0; b < blocks; b++)
        ck_quantize_mx_block(x, out, scales, rows, cols, alongRows, block, e, st, &lanes, b);
    ck_lanes_fold(&lanes, st);
}

void ck_quantize_mx_block(const float *x, float *out, uint8_t *scales, size_t rows, size_t cols, int alongRows,
                          size_t block, ck_element e, ck_scaled_stats *st, ck_error_lanes *lanes, size_t b) {
    {
        float amax = 0.0f;
        int special = 0, minB = 1 << 20, maxB = -(1 << 20);
        for (size_t j = 0; j < block; j++) {
            float v = x[position(rows, cols, alongRows, block, b, j)];
            if (!(fabsf(v) < INFINITY)) { special = 1; continue; }
            float a = fabsf(v);
            if (a > amax) amax = a;
            if (a != 0.0f) {
                int fb = ck_floor_log2(a);
                if (fb < minB) minB = fb;
                if (fb > maxB) maxB = fb;
            }
        }
        int exponent = -127, clamped = 0;
        if (amax != 0.0f) {
            exponent = ck_floor_log2(amax) - e.maxExponent;
            if (exponent < -127) { exponent = -127; clamped = 1; }
            if (exponent > 127) exponent = 127;
        }
        if (st) {
            st->blocks += 1;
            if (clamped) st->clampedScales += 1;
            if (!special) ck_note_spread(st, minB, maxB);
        }
        if (scales) scales[b] = special ? 0xFFu : (uint8_t)(exponent + 127);
        for (size_t j = 0; j < block; j++) {
            size_t p = position(rows, cols, alongRows, block, b, j);
            float v = x[p];
            if (special) {
                if (st) ck_scaled_note(st, lanes, p, v, NAN, NAN, 0, e, 1);
                if (out) out[p] = NAN;
                continue;
            }
            double q = (double)v * ck_pow2(-exponent); /* exact: |exponent| <= 127 */
            int saturated;
            double r = ck_round_element(q, e, &saturated);
            if (st) {
                ck_scaled_note(st, lanes, p, v, q, r, saturated, e, 0);
                if (!clamped && r == 0.0 && v != 0.0f) st->flushedInBlock += 1;
            }
            if (out) out[p] = (float)(r * ck_pow2(exponent));
        }
    }
}

const ck_element ck_e4m3 = {4, -6, 8, 448.0f};
const ck_element ck_e2m1 = {2, 0, 2, 6.0f};

/* The E4M3 block scale of a block with finite maximum amax under the tensor scale t. */
double ck_nvfp4_block_scale(float amax, float t) {
    if (t == 0.0f) return 0.0;
    return ck_round_element((double)amax / (6.0 * (double)t), ck_e4m3, NULL);
}

void ck_quantize_nvfp4_portable(const float *x, float *out, float *scales, size_t rows, size_t cols,
                                int alongRows, float tensorScale, ck_scaled_stats *st) {
    ck_error_lanes lanes = {{0}, {0}};
    size_t blocks = rows * cols / 16;
    for (size_t b = 0; b < blocks; b++)
        ck_quantize_nvfp4_block(x, out, scales, rows, cols, alongRows, tensorScale, st, &lanes, b);
    ck_lanes_fold(&lanes, st);
}

void ck_quantize_nvfp4_block(const float *x, float *out, float *scales, size_t rows, size_t cols, int alongRows,
                             float tensorScale, ck_scaled_stats *st, ck_error_lanes *lanes, size_t b) {
    const size_t block = 16;
    {
        float amax = 0.0f;
        int minB = 1 << 20, maxB = -(1 << 20);
        for (size_t j = 0; j < block; j++) {
            float a = fabsf(x[position(rows, cols, alongRows, block, b, j)]);
            if (!(a < INFINITY)) continue;
            if (a > amax) amax = a;
            if (a != 0.0f) {
                int fb = ck_floor_log2(a);
                if (fb < minB) minB = fb;
                if (fb > maxB) maxB = fb;
            }
        }
        double S = ck_nvfp4_block_scale(amax, tensorScale);
        double divisor = S * (double)tensorScale; /* exact: 4 x 24 bits */
        int clamped = amax != 0.0f && S < 0x1p-6;
        if (st) {
            st->blocks += 1;
            if (clamped) st->clampedScales += 1;
            ck_note_spread(st, minB, maxB);
        }
        if (scales) scales[b] = (float)S;
        for (size_t j = 0; j < block; j++) {
            size_t p = position(rows, cols, alongRows, block, b, j);
            float v = x[p];
            double q, r;
            int saturated = 0;
            if (v != v) {
                q = r = v;
            } else if (divisor == 0.0) {
                q = 0.0; /* a zero scale: the whole block is zero */
                r = isinf(v) ? 0.0 : copysign(0.0, (double)v);
            } else {
                q = (double)v / divisor;
                r = ck_round_element(q, ck_e2m1, &saturated);
            }
            if (st) {
                ck_scaled_note(st, lanes, p, v, q, r, saturated, ck_e2m1, 0);
                if (!clamped && r == 0.0 && v != 0.0f && v == v) st->flushedInBlock += 1;
            }
            if (out) out[p] = (float)((double)(float)(r * S) * (double)tensorScale);
        }
    }
}

float ck_finite_amax_portable(const float *x, size_t n) {
    float amax = 0.0f;
    for (size_t i = 0; i < n; i++) {
        float a = fabsf(x[i]);
        if (a < INFINITY && a > amax) amax = a;
    }
    return amax;
}
