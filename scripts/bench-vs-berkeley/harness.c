/*
 * The Berkeley SoftFloat 3 side of scripts/bench-vs-berkeley.sh (linked with softfloat.a built
 * from the user's copy of the Berkeley sources; nothing of Berkeley's is kept in this repository).
 *
 *   harness check OPERANDS RESULTS      per-operand results and flags of every cell, to RESULTS
 *   harness time OPERANDS SECONDS ROUND one timing round over every cell (tab-separated lines)
 *   harness bf16-vs-berkeley OPERANDS   operands where Berkeley's own bf16 conversions (only in
 *                                       sources after release 3e) differ from this file's reference
 *
 * Cells, operand file and results file follow Sources/Bench/Shared/BenchCell.swift and
 * scripts/bench-vs-berkeley/Sources/SoftFloatHarness/OperandFile.swift. Flags are written in
 * mpstudy's ExceptionFlags encoding (invalid 1, divByZero 2, overflow 4, underflow 8, inexact 16).
 * Rounding is to nearest even, tininess after rounding (mpstudy's default, x86's).
 *
 * Release 3e has no bfloat16, so f32->bf16 and bf16->f32 are implemented here from first
 * principles (ref_f32_to_bf16, ref_bf16_to_f32) with SoftFloat's 8086-SSE conventions. They are
 * kept out of line (noinline), as every Berkeley function is a call into softfloat.a: inlined,
 * the compiler would vectorise the loop and time something no library caller gets.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "softfloat.h"

enum { NARROW = 0, FULL = 1 };

/* The operand arrays of one distribution. */
struct operand_set {
    const uint16_t *h[3];
    const uint32_t *s[3];
    const uint64_t *d[3];
    const uint16_t *bf[3];
};

static size_t count;
static struct operand_set sets[2];

static void die(const char *message, const char *detail) {
    fprintf(stderr, "harness: %s%s%s\n", message, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

/* Reads the operand file (32-byte header "MPSBOPS1", count, seed, 0; then the arrays). */
static void read_operands(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open operand file", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *bytes = aligned_alloc(64, ((size_t)size + 63) / 64 * 64);
    if (!bytes || fread(bytes, 1, (size_t)size, f) != (size_t)size) die("cannot read operand file", path);
    fclose(f);
    if (size < 32 || memcmp(bytes, "MPSBOPS1", 8) != 0) die("not an operand file", path);
    uint64_t n;
    memcpy(&n, bytes + 8, 8);
    count = (size_t)n;
    if ((size_t)size != 32 + 2 * 3 * count * 16) die("operand file size does not match its count", path);
    unsigned char *p = bytes + 32;
    for (int set = 0; set < 2; set++) {
        for (int k = 0; k < 3; k++, p += 2 * count) sets[set].h[k] = (const uint16_t *)p;
        for (int k = 0; k < 3; k++, p += 4 * count) sets[set].s[k] = (const uint32_t *)p;
        for (int k = 0; k < 3; k++, p += 8 * count) sets[set].d[k] = (const uint64_t *)p;
        for (int k = 0; k < 3; k++, p += 2 * count) sets[set].bf[k] = (const uint16_t *)p;
    }
}

/* Berkeley's flags in mpstudy's encoding. */
static uint8_t mpstudy_flags(uint_fast8_t f) {
    return (uint8_t)(((f & softfloat_flag_invalid) ? 1 : 0) | ((f & softfloat_flag_infinite) ? 2 : 0) |
                     ((f & softfloat_flag_overflow) ? 4 : 0) | ((f & softfloat_flag_underflow) ? 8 : 0) |
                     ((f & softfloat_flag_inexact) ? 16 : 0));
}

/* f32 -> bfloat16, round to nearest even, from first principles: the upper 16 bits rounded on
 * the lower 16. NaN: sign and top payload bits kept, quieted (0x0040), invalid if signalling
 * (SoftFloat's f32->f16 rule). Overflow: to infinity with overflow|inexact. Underflow: tininess
 * after rounding; an f32 subnormal is tiny unless it rounds (with unbounded exponent, p = 8) up to
 * 2^-126, which needs a fraction >= 0x7FC000; underflow = tiny and inexact. */
__attribute__((noinline)) static uint16_t ref_f32_to_bf16(uint32_t u) {
    uint32_t mag = u & 0x7FFFFFFF;
    if (mag > 0x7F800000) {
        if (!(u & 0x00400000)) softfloat_exceptionFlags |= softfloat_flag_invalid;
        return (uint16_t)((u >> 16) | 0x0040);
    }
    uint32_t low = u & 0xFFFF;
    uint32_t r = u >> 16;
    if (low) {
        uint_fast8_t flags = softfloat_flag_inexact;
        if (low > 0x8000 || (low == 0x8000 && (r & 1))) r += 1;
        if ((r & 0x7FFF) == 0x7F80) flags |= softfloat_flag_overflow;
        if (mag < 0x007FC000) flags |= softfloat_flag_underflow;
        softfloat_exceptionFlags |= flags;
    }
    return (uint16_t)r;
}

/* bfloat16 -> f32: exact; a NaN is quieted (0x00400000), invalid if signalling. */
__attribute__((noinline)) static uint32_t ref_bf16_to_f32(uint16_t h) {
    uint32_t u = (uint32_t)h << 16;
    if ((u & 0x7FFFFFFF) > 0x7F800000) {
        if (!(u & 0x00400000)) softfloat_exceptionFlags |= softfloat_flag_invalid;
        u |= 0x00400000;
    }
    return u;
}

/* One pass of a cell. flags == NULL: timed (flags accumulate, returned); otherwise per-operand
 * flags, cleared before each operation. */
typedef uint8_t (*cell_fn)(const struct operand_set *, void *out, uint8_t *flags);

#define LOOP(TYPE_OUT, EXPR)                                                            \
    TYPE_OUT *o = out;                                                                  \
    if (!flags) {                                                                       \
        softfloat_exceptionFlags = 0;                                                   \
        for (size_t i = 0; i < n; i++) o[i] = (EXPR);                                   \
        return mpstudy_flags(softfloat_exceptionFlags);                                 \
    }                                                                                   \
    for (size_t i = 0; i < n; i++) {                                                    \
        softfloat_exceptionFlags = 0;                                                   \
        o[i] = (EXPR);                                                                  \
        flags[i] = mpstudy_flags(softfloat_exceptionFlags);                             \
    }                                                                                   \
    return 0;

#define ARITH(NAME, FMT, TYPE, BITS, ARR)                                                                    \
    static uint8_t NAME##_add(const struct operand_set *s, void *out, uint8_t *flags) {                       \
        const TYPE *a = (const TYPE *)s->ARR[0], *b = (const TYPE *)s->ARR[1];                                \
        size_t n = count;                                                                                     \
        LOOP(TYPE, FMT##_add(a[i], b[i]))                                                                     \
    }                                                                                                         \
    static uint8_t NAME##_sub(const struct operand_set *s, void *out, uint8_t *flags) {                       \
        const TYPE *a = (const TYPE *)s->ARR[0], *b = (const TYPE *)s->ARR[1];                                \
        size_t n = count;                                                                                     \
        LOOP(TYPE, FMT##_sub(a[i], b[i]))                                                                     \
    }                                                                                                         \
    static uint8_t NAME##_mul(const struct operand_set *s, void *out, uint8_t *flags) {                       \
        const TYPE *a = (const TYPE *)s->ARR[0], *b = (const TYPE *)s->ARR[1];                                \
        size_t n = count;                                                                                     \
        LOOP(TYPE, FMT##_mul(a[i], b[i]))                                                                     \
    }                                                                                                         \
    static uint8_t NAME##_div(const struct operand_set *s, void *out, uint8_t *flags) {                       \
        const TYPE *a = (const TYPE *)s->ARR[0], *b = (const TYPE *)s->ARR[1];                                \
        size_t n = count;                                                                                     \
        LOOP(TYPE, FMT##_div(a[i], b[i]))                                                                     \
    }                                                                                                         \
    static uint8_t NAME##_sqrt(const struct operand_set *s, void *out, uint8_t *flags) {                      \
        const TYPE *c = (const TYPE *)s->ARR[2];                                                              \
        size_t n = count;                                                                                     \
        LOOP(TYPE, FMT##_sqrt(c[i]))                                                                          \
    }                                                                                                         \
    static uint8_t NAME##_fma(const struct operand_set *s, void *out, uint8_t *flags) {                       \
        const TYPE *a = (const TYPE *)s->ARR[0], *b = (const TYPE *)s->ARR[1], *c = (const TYPE *)s->ARR[2];  \
        size_t n = count;                                                                                     \
        LOOP(TYPE, FMT##_mulAdd(a[i], b[i], c[i]))                                                            \
    }

ARITH(h, f16, float16_t, 16, h)
ARITH(s, f32, float32_t, 32, s)
ARITH(d, f64, float64_t, 64, d)

#define CONVERT(NAME, IN_TYPE, ARR, OUT_TYPE, EXPR)                                     \
    static uint8_t NAME(const struct operand_set *s, void *out, uint8_t *flags) {       \
        const IN_TYPE *a = (const IN_TYPE *)s->ARR[0];                                  \
        size_t n = count;                                                               \
        LOOP(OUT_TYPE, EXPR)                                                            \
    }

CONVERT(f32_to_f16_cell, float32_t, s, float16_t, f32_to_f16(a[i]))
CONVERT(f16_to_f32_cell, float16_t, h, float32_t, f16_to_f32(a[i]))
CONVERT(f64_to_f32_cell, float64_t, d, float32_t, f64_to_f32(a[i]))
CONVERT(f64_to_f16_cell, float64_t, d, float16_t, f64_to_f16(a[i]))
CONVERT(f32_to_bf16_cell, uint32_t, s, uint16_t, ref_f32_to_bf16(a[i]))
CONVERT(bf16_to_f32_cell, uint16_t, bf, uint32_t, ref_bf16_to_f32(a[i]))

/* The cells in the order of BenchCell.all (per distribution: arithmetic format by format, then
 * the conversions). */
struct cell {
    const char *op, *format;
    int width;
    cell_fn fn;
};
static const struct cell cells[] = {
    {"add", "binary16", 2, h_add}, {"sub", "binary16", 2, h_sub}, {"mul", "binary16", 2, h_mul},
    {"div", "binary16", 2, h_div}, {"sqrt", "binary16", 2, h_sqrt}, {"fma", "binary16", 2, h_fma},
    {"add", "binary32", 4, s_add}, {"sub", "binary32", 4, s_sub}, {"mul", "binary32", 4, s_mul},
    {"div", "binary32", 4, s_div}, {"sqrt", "binary32", 4, s_sqrt}, {"fma", "binary32", 4, s_fma},
    {"add", "binary64", 8, d_add}, {"sub", "binary64", 8, d_sub}, {"mul", "binary64", 8, d_mul},
    {"div", "binary64", 8, d_div}, {"sqrt", "binary64", 8, d_sqrt}, {"fma", "binary64", 8, d_fma},
    {"convert", "f32->f16", 2, f32_to_f16_cell}, {"convert", "f16->f32", 4, f16_to_f32_cell},
    {"convert", "f64->f32", 4, f64_to_f32_cell}, {"convert", "f64->f16", 2, f64_to_f16_cell},
    {"convert", "f32->bf16", 2, f32_to_bf16_cell}, {"convert", "bf16->f32", 4, bf16_to_f32_cell},
};
enum { CELLS = sizeof cells / sizeof cells[0] };
static const char *const set_names[2] = {"narrow", "full"};

/* CPU time of this thread: time the scheduler gives to other jobs does not count (the Swift side,
 * SoftFloatRunner.measure, measures the same way). */
static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* FNV-1a over the result words, as SoftFloatRunner.resultChecksum. */
static uint64_t checksum(const void *out, int width, uint8_t flags) {
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < count; i++) {
        uint64_t w = width == 2 ? ((const uint16_t *)out)[i] : width == 4 ? ((const uint32_t *)out)[i]
                                                                           : ((const uint64_t *)out)[i];
        h = (h ^ w) * 0x100000001b3u;
    }
    return (h & 0x00FFFFFFFFFFFFFFu) ^ ((uint64_t)flags << 56);
}

int main(int argc, char **argv) {
    softfloat_roundingMode = softfloat_round_near_even;
    softfloat_detectTininess = softfloat_tininess_afterRounding;
    if (argc == 4 && strcmp(argv[1], "check") == 0) {
        read_operands(argv[2]);
        FILE *f = fopen(argv[3], "wb");
        if (!f) die("cannot write results", argv[3]);
        void *out = aligned_alloc(64, 8 * count);
        uint8_t *flags = malloc(count);
        for (int set = 0; set < 2; set++)
            for (int c = 0; c < CELLS; c++) {
                cells[c].fn(&sets[set], out, flags);
                if (fwrite(out, (size_t)cells[c].width, count, f) != count || fwrite(flags, 1, count, f) != count)
                    die("cannot write results", argv[3]);
            }
        if (fclose(f) != 0) die("cannot write results", argv[3]);
        return 0;
    }
    if (argc == 5 && strcmp(argv[1], "time") == 0) {
        read_operands(argv[2]);
        double seconds = atof(argv[3]);
        if (!(seconds > 0)) die("SECONDS must be positive", argv[3]);
        void *out = aligned_alloc(64, 8 * count);
        for (int set = 0; set < 2; set++)
            for (int c = 0; c < CELLS; c++) {
                uint8_t flags = cells[c].fn(&sets[set], out, NULL); /* untimed pass */
                long passes = 0;
                double start = now(), elapsed;
                do {
                    flags |= cells[c].fn(&sets[set], out, NULL);
                    passes++;
                    elapsed = now() - start;
                } while (elapsed < seconds);
                printf("berkeley\t%s\t%s\t%s\t%s\t%.2f\t%llx\n", argv[4], cells[c].op, cells[c].format,
                       set_names[set], (double)passes * (double)count / elapsed / 1e6,
                       (unsigned long long)checksum(out, cells[c].width, flags));
            }
        return 0;
    }
#ifdef BERKELEY_HAS_BF16
    if (argc == 3 && strcmp(argv[1], "bf16-vs-berkeley") == 0) {
        /* Differences, and how many of them are NaN results with equal flags (payload only). */
        read_operands(argv[2]);
        long differ[2] = {0, 0}, nan_only[2] = {0, 0};
        for (int set = 0; set < 2; set++)
            for (size_t i = 0; i < count; i++) {
                uint32_t x = sets[set].s[0][i];
                softfloat_exceptionFlags = 0;
                uint16_t mine = ref_f32_to_bf16(x);
                uint_fast8_t mine_flags = softfloat_exceptionFlags;
                softfloat_exceptionFlags = 0;
                float32_t xf = {x};
                uint16_t theirs = f32_to_bf16(xf).v;
                if (mine != theirs || mine_flags != softfloat_exceptionFlags) {
                    differ[0]++;
                    nan_only[0] += (mine & 0x7FFF) > 0x7F80 && (theirs & 0x7FFF) > 0x7F80 &&
                                   mine_flags == softfloat_exceptionFlags;
                }
                uint16_t y = sets[set].bf[0][i];
                softfloat_exceptionFlags = 0;
                uint32_t mine32 = ref_bf16_to_f32(y);
                mine_flags = softfloat_exceptionFlags;
                softfloat_exceptionFlags = 0;
                bfloat16_t yf = {y};
                uint32_t theirs32 = bf16_to_f32(yf).v;
                if (mine32 != theirs32 || mine_flags != softfloat_exceptionFlags) {
                    differ[1]++;
                    nan_only[1] += (mine32 & 0x7FFFFFFF) > 0x7F800000 && (theirs32 & 0x7FFFFFFF) > 0x7F800000 &&
                                   mine_flags == softfloat_exceptionFlags;
                }
            }
        printf("%ld %ld %ld %ld\n", differ[0], nan_only[0], differ[1], nan_only[1]);
        return 0;
    }
#endif
    fprintf(stderr, "usage: harness check OPERANDS RESULTS | time OPERANDS SECONDS ROUND\n");
    return 2;
}
