/* Shared by the portable and AVX2 kernels (not part of the module's interface). */
#ifndef CKERNELS_INTERNAL_H
#define CKERNELS_INTERNAL_H
#include "ckernels.h"
float ck_round_f16_scalar(float x);
float ck_round_bf16_scalar(float x);
/* Adds one element x rounded to r to the statistics. */
void ck_note(ck_round_stats *st, float x, float r, float minNormal);
/* Adds one element of the scaled counterfactual (rs = round(x * scale)). */
void ck_note_scaled(ck_scaled_counts *sc, float x, float rs, float minNormal);
#endif
