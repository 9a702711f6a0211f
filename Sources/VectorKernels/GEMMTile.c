// The GEMM microkernel's AVX2 and AVX-512 paths (the portable path is Swift's, in Learning).
//
// Each step loads one vector of the packed B sliver and, for each row of the tile, multiplies it
// by a broadcast element of the packed A sliver and adds the product to that row's accumulator:
// a separate multiply and add, in depth order, so every lane is the scalar chain documented on
// `GEMM`. The pragma below forbids the compiler from fusing them into a multiply-add even where
// the target has FMA.
#include "VectorKernels.h"

#pragma clang fp contract(off)

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#define VK_TILE 16

// MARK: AVX-512: the 16 × 16 tile in sixteen ZMM accumulators, one per row.

/// The tile for a constant `rows` (1…16): after inlining, the loops over rows unroll and the
/// accumulators stay in registers; each broadcast has one use, so it folds into the multiply as
/// an embedded broadcast.
__attribute__((target("avx512f"), always_inline)) static inline void tile_avx512(
  ptrdiff_t depth, const float *a, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
  bool continues_c,
  const int rows) {
  __m512 acc[VK_TILE];
#pragma clang loop unroll(full)
  for (int r = 0; r < VK_TILE; r++) {
    acc[r] = (r < rows && continues_c) ? _mm512_loadu_ps(c + r * ldc) : _mm512_setzero_ps();
  }
  for (ptrdiff_t p = 0; p < depth; p++) {
    const __m512 v = _mm512_loadu_ps(b);
#pragma clang loop unroll(full)
    for (int r = 0; r < VK_TILE; r++) {
      if (r < rows) acc[r] = _mm512_add_ps(acc[r], _mm512_mul_ps(_mm512_set1_ps(a[r]), v));
    }
    a += VK_TILE;
    b += ldb;
  }
#pragma clang loop unroll(full)
  for (int r = 0; r < VK_TILE; r++) {
    if (r < rows) _mm512_storeu_ps(c + r * ldc, acc[r]);
  }
}

__attribute__((target("avx512f"))) void vk_gemm_tile_avx512(
  ptrdiff_t depth, const float *a, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
  bool continues_c,
  int rows) {
  switch (rows) {
#define VK_CASE(n) \
  case n: tile_avx512(depth, a, b, ldb, c, ldc, continues_c, n); break;
    VK_CASE(16) VK_CASE(15) VK_CASE(14) VK_CASE(13) VK_CASE(12) VK_CASE(11) VK_CASE(10) VK_CASE(9)
    VK_CASE(8) VK_CASE(7) VK_CASE(6) VK_CASE(5) VK_CASE(4) VK_CASE(3) VK_CASE(2) VK_CASE(1)
#undef VK_CASE
    default: break;
  }
}

// MARK: AVX2: the tile in bands of up to six rows.

/// Rows `first ..< first + rows` of the tile, two YMM accumulators per row: six rows use twelve
/// accumulators, plus the two halves of B and a broadcast, within AVX2's sixteen registers. Each
/// band reads the B sliver again (from L1: 16 KiB at most).
__attribute__((target("avx2"), always_inline)) static inline void band_avx2(
  ptrdiff_t depth, const float *a, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
  bool continues_c,
  const int first, const int rows) {
  __m256 low[6], high[6];
#pragma clang loop unroll(full)
  for (int r = 0; r < 6; r++) {
    const bool load = r < rows && continues_c;
    low[r] = load ? _mm256_loadu_ps(c + (first + r) * ldc) : _mm256_setzero_ps();
    high[r] = load ? _mm256_loadu_ps(c + (first + r) * ldc + 8) : _mm256_setzero_ps();
  }
  a += first;
  for (ptrdiff_t p = 0; p < depth; p++) {
    const __m256 v0 = _mm256_loadu_ps(b);
    const __m256 v1 = _mm256_loadu_ps(b + 8);
#pragma clang loop unroll(full)
    for (int r = 0; r < 6; r++) {
      if (r < rows) {
        const __m256 x = _mm256_broadcast_ss(a + r);
        low[r] = _mm256_add_ps(low[r], _mm256_mul_ps(x, v0));
        high[r] = _mm256_add_ps(high[r], _mm256_mul_ps(x, v1));
      }
    }
    a += VK_TILE;
    b += ldb;
  }
#pragma clang loop unroll(full)
  for (int r = 0; r < 6; r++) {
    if (r < rows) {
      _mm256_storeu_ps(c + (first + r) * ldc, low[r]);
      _mm256_storeu_ps(c + (first + r) * ldc + 8, high[r]);
    }
  }
}

__attribute__((target("avx2"))) void vk_gemm_tile_avx2(
  ptrdiff_t depth, const float *a, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
  bool continues_c,
  int rows) {
  int first = 0;
  while (rows - first >= 6) {
    band_avx2(depth, a, b, ldb, c, ldc, continues_c, first, 6);
    first += 6;
  }
  switch (rows - first) {
#define VK_CASE(n) \
  case n: band_avx2(depth, a, b, ldb, c, ldc, continues_c, first, n); break;
    VK_CASE(5) VK_CASE(4) VK_CASE(3) VK_CASE(2) VK_CASE(1)
#undef VK_CASE
    default: break;
  }
}

#else

// No x86-64 vector path: `vk_best_path` never names these, so they are never called.
void vk_gemm_tile_avx512(
  ptrdiff_t depth, const float *a, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
  bool continues_c,
  int rows) {
  (void)depth, (void)a, (void)b, (void)ldb, (void)c, (void)ldc, (void)continues_c, (void)rows;
}
void vk_gemm_tile_avx2(
  ptrdiff_t depth, const float *a, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
  bool continues_c,
  int rows) {
  (void)depth, (void)a, (void)b, (void)ldb, (void)c, (void)ldc, (void)continues_c, (void)rows;
}

#endif
