/* oneDNN's C interface (Debian libdnnl-dev): dnnl_sgemm and dnnl_version. */
#include <oneapi/dnnl/dnnl.h>
