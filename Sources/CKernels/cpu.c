#include "ckernels.h"

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
