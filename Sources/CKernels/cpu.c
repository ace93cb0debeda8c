#include "ckernels.h"

#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

int ck_has_f16c_avx2(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

/* The compiler runtime's CPUID reading (__builtin_cpu_supports) also checks that the
   operating system saves the AVX and AVX-512 registers (XGETBV), so a set bit means usable. */
unsigned ck_cpu_features(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    unsigned f = 0;
    if (__builtin_cpu_supports("avx2")) f |= CK_CPU_AVX2;
    if (__builtin_cpu_supports("fma")) f |= CK_CPU_FMA;
    if (__builtin_cpu_supports("f16c")) f |= CK_CPU_F16C;
    if (__builtin_cpu_supports("avx512f")) f |= CK_CPU_AVX512F;
    if (__builtin_cpu_supports("avx512cd")) f |= CK_CPU_AVX512CD;
    if (__builtin_cpu_supports("avx512bw")) f |= CK_CPU_AVX512BW;
    if (__builtin_cpu_supports("avx512dq")) f |= CK_CPU_AVX512DQ;
    if (__builtin_cpu_supports("avx512vl")) f |= CK_CPU_AVX512VL;
    if (__builtin_cpu_supports("avx512bf16")) f |= CK_CPU_AVX512BF16;
    if (__builtin_cpu_supports("avx512fp16")) f |= CK_CPU_AVX512FP16;
    return f;
#else
    return 0;
#endif
}

/* Leaf 0 gives the vendor in EBX, EDX, ECX; leaf 1's EAX the family and model fields (the
   extended family counts only when the base family is 15, the extended model when the base
   family is 6 or 15: the display values of the Intel and AMD manuals). */
void ck_cpu_signature(char vendor[13], unsigned *family, unsigned *model) {
    memset(vendor, 0, 13);
    *family = 0;
    *model = 0;
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (!__get_cpuid(0, &a, &b, &c, &d)) return;
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &c, 4);
    if (a < 1 || !__get_cpuid(1, &a, &b, &c, &d)) return;
    unsigned base = (a >> 8) & 0xf, ext = (a >> 20) & 0xff;
    unsigned m = (a >> 4) & 0xf, extm = (a >> 16) & 0xf;
    *family = base == 15 ? base + ext : base;
    *model = (base == 6 || base == 15) ? (extm << 4) + m : m;
#endif
}
