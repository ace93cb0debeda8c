/* Shared by the portable and AVX2 scaled-quantisation kernels (not part of the interface). */
#ifndef CKSCALED_INTERNAL_H
#define CKSCALED_INTERNAL_H
#include "ckscaled.h"
/* round(q) to the element, ties to even, saturating; *saturated (may be NULL) says whether it
   saturated a finite q. */
double ck_round_element(double q, ck_element e, int *saturated);
/* floor(log2 a) for finite a > 0. */
int ck_floor_log2(double a);
/* 2^k exactly (ldexp(1, k), without the call for normal results). */
double ck_pow2(int k);
/* The error sums of one call, in eight partial sums by element position p mod 8 (the AVX2
   kernels' lanes), folded in a fixed tree at the end of the call: the portable and vector
   kernels add the same numbers in the same order and give the same bits. */
typedef struct {
    double sum[8];
    double squares[8];
} ck_error_lanes;
void ck_lanes_fold(ck_error_lanes *lanes, ck_scaled_stats *st);
/* Adds one element at position p (x, its scaled value q, its element r) to the statistics. */
void ck_scaled_note(ck_scaled_stats *st, ck_error_lanes *lanes, size_t p, float x, double q, double r,
                    int saturated, ck_element e, int inNaNBlock);
/* The scalar pieces the vector kernels fall back to (tails, blocks holding NaN or infinity). */
void ck_quantize_tensor_range(const float *x, float *out, size_t from, size_t to, ck_element e, float scale,
                              float scaleInv, ck_scaled_stats *st, ck_error_lanes *lanes);
void ck_quantize_mx_block(const float *x, float *out, uint8_t *scales, size_t rows, size_t cols, int alongRows,
                          size_t block, ck_element e, ck_scaled_stats *st, ck_error_lanes *lanes, size_t b);
void ck_quantize_nvfp4_block(const float *x, float *out, float *scales, size_t rows, size_t cols, int alongRows,
                             float tensorScale, ck_scaled_stats *st, ck_error_lanes *lanes, size_t b);
void ck_note_spread(ck_scaled_stats *st, int minBinade, int maxBinade);
double ck_nvfp4_block_scale(float amax, float t);
extern const ck_element ck_e4m3;
extern const ck_element ck_e2m1;
#endif
