/* Register-only multiply-add loops that measure a core's floating-point peak: twelve
   independent accumulators (enough to cover the FMA latency of 4-5 cycles on two pipes), no
   memory traffic, the loop itself in assembly so that the figure is the same in debug and
   release builds (the C around it is not on the timed path). Each variant is compiled for its
   instruction set with a target attribute and may only be called when the CPU has it
   (ck_cpu_features()). */
#include "ckernels.h"

#if defined(__x86_64__)
#define TWELVE(OP, REG) OP(REG, "0") OP(REG, "1") OP(REG, "2") OP(REG, "3") OP(REG, "4") OP(REG, "5") \
    OP(REG, "6") OP(REG, "7") OP(REG, "8") OP(REG, "9") OP(REG, "10") OP(REG, "11")
#define ZERO(REG, N) "vxorps %%xmm" N ", %%xmm" N ", %%xmm" N "\n\t"
#define FMA(REG, N) "vfmadd231ps %%" REG "12, %%" REG "13, %%" REG N "\n\t"
#define CLOBBERS "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", \
    "xmm10", "xmm11", "xmm12", "xmm13", "cc"

/* 12 FMAs on 16 float lanes per iteration: 384 flops. */
__attribute__((target("avx512f"))) void ck_fma_loop_avx512(uint64_t iterations) {
    if (iterations == 0) return;
    __asm__ volatile(TWELVE(ZERO, "") "vxorps %%xmm12, %%xmm12, %%xmm12\n\t"
                     "vxorps %%xmm13, %%xmm13, %%xmm13\n\t"
                     "1:\n\t" TWELVE(FMA, "zmm") "dec %0\n\t"
                     "jnz 1b\n\t"
                     "vzeroupper\n\t"
                     : "+r"(iterations)
                     :
                     : CLOBBERS);
}

/* 12 FMAs on 8 float lanes per iteration: 192 flops. */
__attribute__((target("avx2,fma"))) void ck_fma_loop_avx2(uint64_t iterations) {
    if (iterations == 0) return;
    __asm__ volatile(TWELVE(ZERO, "") "vxorps %%xmm12, %%xmm12, %%xmm12\n\t"
                     "vxorps %%xmm13, %%xmm13, %%xmm13\n\t"
                     "1:\n\t" TWELVE(FMA, "ymm") "dec %0\n\t"
                     "jnz 1b\n\t"
                     "vzeroupper\n\t"
                     : "+r"(iterations)
                     :
                     : CLOBBERS);
}

#define SSE_ZERO(REG, N) "xorps %%xmm" N ", %%xmm" N "\n\t"
#define SSE_MULADD(REG, N) "mulps %%xmm12, %%xmm" N "\n\taddps %%xmm13, %%xmm" N "\n\t"

/* No FMA unit (baseline x86-64): 12 multiplies and 12 adds on 4 float lanes: 96 flops. */
void ck_fma_loop_sse2(uint64_t iterations) {
    if (iterations == 0) return;
    __asm__ volatile(TWELVE(SSE_ZERO, "") "xorps %%xmm12, %%xmm12\n\t"
                     "xorps %%xmm13, %%xmm13\n\t"
                     "1:\n\t" TWELVE(SSE_MULADD, "") "dec %0\n\t"
                     "jnz 1b\n\t"
                     : "+r"(iterations)
                     :
                     : CLOBBERS);
}
#else
void ck_fma_loop_avx512(uint64_t iterations) { (void)iterations; }
void ck_fma_loop_avx2(uint64_t iterations) { (void)iterations; }
void ck_fma_loop_sse2(uint64_t iterations) { (void)iterations; }
#endif
