// The learning kernels' vector paths, chosen at run time (issue #15).
//
// Swift has no per-function target attributes, so the code that uses AVX2 or AVX-512 lives in
// this small C target: each function carries `__attribute__((target(...)))`, the target itself
// is built with the package's default flags (no `unsafeFlags`), and one binary runs on every
// x86-64 CPU. `Learning` asks `vk_best_path()` once and calls a path only where the CPU has it.
//
// Every path computes the same bits: each element of C is one chain of separate float32
// multiplies and adds in depth order (see `GEMM` in Learning); no fused multiply-add anywhere.
#ifndef FEDCHAIN_VECTOR_KERNELS_H
#define FEDCHAIN_VECTOR_KERNELS_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The vector paths, widest last. Values are stable: they appear in logs and tests.
typedef enum {
  VK_PATH_PORTABLE = 0,  ///< Swift's SIMD types: SSE2 on x86-64, NEON on arm64.
  VK_PATH_AVX2 = 1,      ///< 256-bit AVX2 registers (no FMA used).
  VK_PATH_AVX512 = 2,    ///< 512-bit AVX-512F registers.
} vk_path;

/// The widest path this CPU and operating system support: CPUID's feature bits and XGETBV's
/// saved-state mask (the OS must save the YMM, and for AVX-512 the ZMM and mask, registers).
vk_path vk_best_path(void);

/// `C[0..<rows, 0..<16] (+)= Â·B̂` over `depth` steps: `a` is a packed A sliver (16 floats per
/// step, only the first `rows` used), `b` 16 floats per step, `ldb` floats apart (16 in a packed
/// sliver), `c` row-major with `ldc` floats between rows. When `continues_c` is false the sums start from zero.
/// Callable only where `vk_best_path()` is at least the path in its name.
void vk_gemm_tile_avx512(
  ptrdiff_t depth, const float *a, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
  bool continues_c, int rows);

/// As `vk_gemm_tile_avx512`, with 256-bit registers.
void vk_gemm_tile_avx2(
  ptrdiff_t depth, const float *a, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
  bool continues_c, int rows);

/// Packs 16 lines of a matrix into a GEMM sliver, transposing: `packed[p * 16 + line] =
/// source[line * line_stride + p]` for `line < 16` and `p < depth`. Each line is contiguous in
/// `p` (a row of a row-major A, or a column of a transposed B), so the copy reads 16 vectors and
/// transposes them in registers instead of moving one float at a time.
void vk_pack_transposed16_avx512(
  const float *source, ptrdiff_t line_stride, ptrdiff_t depth, float *packed);

#ifdef __cplusplus
}
#endif

#endif
