/* GNU MPFR for Swift. stdio.h and stdint.h come first so that mpfr.h declares
   its FILE* and intmax_t functions. */
#include <stdio.h>
#include <stdint.h>
#include <gmp.h>
#include <mpfr.h>
