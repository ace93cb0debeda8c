/* Portable kernels: one element at a time, IEEE roundTiesToEven done on the bit patterns.
   They define the results the AVX2 kernels must reproduce bit for bit. */
#include <math.h>
#include <string.h>
#include "ckernels.h"
#include "kernels_internal.h"

static inline uint32_t bits_of(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }
static inline float float_of(uint32_t u) { float x; memcpy(&x, &u, 4); return x; }

/* binary16 bits of x rounded to nearest even (a NaN keeps its sign and top payload bits,
   quieted: the x86 convention). */
static inline uint16_t f32_to_f16(uint32_t x) {
    uint32_t sign = (x >> 16) & 0x8000u, mag = x & 0x7fffffffu;
    if (mag > 0x7f800000u) return (uint16_t)(sign | 0x7e00u | ((mag >> 13) & 0x3ffu));
    if (mag >= 0x477ff000u) return (uint16_t)(sign | 0x7c00u);  /* >= 65520: rounds past 65504 */
    if (mag >= 0x38800000u) {                                    /* >= 2^-14: normal */
        uint32_t r = mag - 0x38000000u;                          /* rebias 127 -> 15 */
        r += 0xfffu + ((r >> 13) & 1u);
        return (uint16_t)(sign | (r >> 13));
    }
    if (mag < 0x33000000u) return (uint16_t)sign;               /* < 2^-25: rounds to zero */
    /* Subnormal: x / 2^-24 = m * 2^(e - 126), rounded to an integer. */
    uint32_t e = mag >> 23, m = (mag & 0x7fffffu) | 0x800000u;
    uint32_t shift = 126u - e;                                   /* 14..24 */
    uint32_t q = m >> shift, rest = m & ((1u << shift) - 1u), half = 1u << (shift - 1u);
    if (rest > half || (rest == half && (q & 1u))) q += 1u;
    return (uint16_t)(sign | q);
}

static inline float f16_to_f32(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, f = h & 0x3ffu;
    if (e == 0x1fu) return float_of(sign | 0x7f800000u | (f << 13));
    if (e != 0) return float_of(sign | ((e + 112u) << 23) | (f << 13));
    return (sign ? -1.0f : 1.0f) * (float)f * 0x1p-24f;          /* exact */
}

float ck_round_f16_scalar(float x) { return f16_to_f32(f32_to_f16(bits_of(x))); }

/* bfloat16 rounded to nearest even, as a float32. */
float ck_round_bf16_scalar(float x) {
    uint32_t u = bits_of(x);
    if ((u & 0x7fffffffu) > 0x7f800000u) return float_of((u | 0x00400000u) & 0xffff0000u);
    u += 0x7fffu + ((u >> 16) & 1u);
    return float_of(u & 0xffff0000u);
}

void ck_note(ck_round_stats *st, float x, float r, float minNormal) {
    uint32_t u = bits_of(x);
    uint32_t e = (u >> 23) & 0xffu;
    float ax = fabsf(x), ar = fabsf(r);
    st->count += 1;
    st->histogram[ax == 0.0f ? 256u : e] += 1;
    if (x != x) { st->nan += 1; return; }
    if (isinf(x)) { st->infinite += 1; return; }
    if (r != 0.0f && ar < minNormal) st->subnormal += 1;
    if (ax == 0.0f) return;
    if (isinf(r)) { st->overflow += 1; return; }
    if (r == 0.0f) st->underflow += 1;
    float rel = fabsf(r - x) / ax;
    st->errorCount += 1;
    st->errorSum += rel;
    st->errorSquares += (double)rel * rel;
    if (rel > st->errorMax) st->errorMax = rel;
}

void ck_note_scaled(ck_scaled_counts *sc, float x, float rs, float minNormal) {
    if (!(fabsf(x) < INFINITY) || x == 0.0f) return;
    if (isinf(rs)) sc->overflow += 1;
    else if (rs == 0.0f) sc->underflow += 1;
    else if (fabsf(rs) < minNormal) sc->subnormal += 1;
}

/* One rounding kernel over a scalar rounding function: the two formats differ only there
   and in their smallest normal number. */
static void round_portable(const float *x, float *out, size_t n, ck_round_stats *st, float scale,
                           ck_scaled_counts *sc, float (*round)(float), float minNormal) {
    for (size_t i = 0; i < n; i++) {
        float v = x[i], r = round(v);
        if (st) ck_note(st, v, r, minNormal);
        if (sc) ck_note_scaled(sc, v, round(v * scale), minNormal);
        if (out) out[i] = r;
    }
}

void ck_round_f16_portable(const float *x, float *out, size_t n, ck_round_stats *st,
                           float scale, ck_scaled_counts *sc) {
    round_portable(x, out, n, st, scale, sc, ck_round_f16_scalar, 0x1p-14f);
}

void ck_round_bf16_portable(const float *x, float *out, size_t n, ck_round_stats *st,
                            float scale, ck_scaled_counts *sc) {
    round_portable(x, out, n, st, scale, sc, ck_round_bf16_scalar, 0x1p-126f);
}

void ck_observe_f32(const float *x, size_t n, ck_round_stats *st) {
    for (size_t i = 0; i < n; i++) ck_note(st, x[i], x[i], 0x1p-126f);
}

static inline float round_to(float x, int format) {
    return format == 11 ? ck_round_f16_scalar(x) : format == 8 ? ck_round_bf16_scalar(x) : x;
}

void ck_lost_updates_portable(const float *w, const float *d, size_t n, int format, uint64_t counts[4]) {
    uint64_t nonzero = 0, lost32 = 0, lostC = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] == 0.0f) continue;
        float next = w[i] - d[i];
        nonzero += 1;
        if (next == w[i]) lost32 += 1;
        float a = round_to(next, format), b = round_to(w[i], format);
        if (memcmp(&a, &b, 4) == 0) lostC += 1;
    }
    counts[0] += n; counts[1] += nonzero; counts[2] += lost32; counts[3] += lostC;
}

void ck_lost_updates_apply_portable(float *w, const float *d, size_t n, int format, uint64_t counts[4]) {
    uint64_t nonzero = 0, lost32 = 0, lostC = 0;
    for (size_t i = 0; i < n; i++) {
        float old = w[i], next = old - d[i];
        w[i] = next;
        if (d[i] == 0.0f) continue;
        nonzero += 1;
        if (next == old) lost32 += 1;
        float a = round_to(next, format), b = round_to(old, format);
        if (memcmp(&a, &b, 4) == 0) lostC += 1;
    }
    counts[0] += n; counts[1] += nonzero; counts[2] += lost32; counts[3] += lostC;
}

/* The correctly rounded float32 square root, without C's errno side effect, so the compiler
   may vectorise the loop that calls it. */
static inline float root_f32(float x) {
#if __has_builtin(__builtin_elementwise_sqrt)
    return __builtin_elementwise_sqrt(x);
#else
    return sqrtf(x);
#endif
}

void ck_rmsprop_f32_portable(float *w, const float *g, float *v, float *delta, size_t n, float rho,
                             float oneMinusRho, float lr, float eps, int epsilonOutside) {
#pragma STDC FP_CONTRACT OFF
    for (size_t i = 0; i < n; i++) {
        float gi = g[i];
        float vi = rho * v[i] + oneMinusRho * (gi * gi);
        v[i] = vi;
        float denominator = epsilonOutside ? root_f32(vi) + eps : root_f32(vi + eps);
        float d = (lr * gi) / denominator;
        if (delta) delta[i] = d; else w[i] = w[i] - d;
    }
}

void ck_rmsprop_narrow(float *w, const float *g, float *v, float *delta, size_t n, float rho,
                       float oneMinusRho, float lr, float eps, int precision) {
    for (size_t i = 0; i < n; i++) {
        float gi = g[i];
        float a = round_to(rho * v[i], precision);
        float b = round_to(oneMinusRho * round_to(gi * gi, precision), precision);
        float vi = round_to(a + b, precision);
        v[i] = vi;
        float root = round_to(sqrtf(round_to(vi + eps, precision)), precision);
        float q = round_to(round_to(lr * gi, precision) / root, precision);
        if (delta) delta[i] = q; else w[i] = round_to(w[i] - q, precision);
    }
}
