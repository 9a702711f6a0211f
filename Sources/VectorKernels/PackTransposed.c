// GEMM packing with an in-register transpose, for the operands whose sliver direction is not
// contiguous in memory: a row-major A (forward passes) and a transposed B (Wᵀ and xᵀ in
// back-propagation). Pure data movement: the packed values are the same bits on every path.
#include "VectorKernels.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

/// Transposes the 16 × 16 block held in `rows` (row r in rows[r]) in place: four rounds of
/// two-register shuffles (32-bit, 64-bit, 128-bit and 256-bit interleaves).
__attribute__((target("avx512f"), always_inline)) static inline void transpose16(__m512 rows[16]) {
  __m512 t[16];
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(rows[i], rows[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(rows[i], rows[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {
    for (int j = 0; j < 2; j++) {
      rows[i + j] = _mm512_castpd_ps(
        _mm512_unpacklo_pd(_mm512_castps_pd(t[i + j]), _mm512_castps_pd(t[i + j + 2])));
      rows[i + j + 2] = _mm512_castpd_ps(
        _mm512_unpackhi_pd(_mm512_castps_pd(t[i + j]), _mm512_castps_pd(t[i + j + 2])));
    }
  }
  // Now rows[4g + k] holds, in each 128-bit lane L, column k of rows 4g..4g+3 for the lane's
  // four columns 4L..4L+3. Interleave 128-bit lanes across groups.
  for (int i = 0; i < 16; i += 8) {
    for (int j = 0; j < 4; j++) {
      t[i + j] = _mm512_shuffle_f32x4(rows[i + j], rows[i + j + 4], 0x88);
      t[i + j + 4] = _mm512_shuffle_f32x4(rows[i + j], rows[i + j + 4], 0xdd);
    }
  }
  for (int j = 0; j < 8; j++) {
    rows[j] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0x88);
    rows[j + 8] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0xdd);
  }
}

__attribute__((target("avx512f"))) void vk_pack_transposed16_avx512(
  const float *source, ptrdiff_t line_stride, ptrdiff_t depth, float *packed) {
  ptrdiff_t p = 0;
  for (; p + 16 <= depth; p += 16) {
    __m512 block[16];
    for (int line = 0; line < 16; line++) {
      block[line] = _mm512_loadu_ps(source + line * line_stride + p);
    }
    transpose16(block);
    // After the shuffles, depth step p + k sits in block[order[k]]: the 64-bit round writes each
    // group of four as (low 0, low 1, high 0, high 1), so its middle two are swapped.
    static const int order[16] = {0, 2, 1, 3, 4, 6, 5, 7, 8, 10, 9, 11, 12, 14, 13, 15};
    for (int k = 0; k < 16; k++) _mm512_storeu_ps(packed + (p + k) * 16, block[order[k]]);
  }
  for (; p < depth; p++) {
    for (int line = 0; line < 16; line++) packed[p * 16 + line] = source[line * line_stride + p];
  }
}

#else

void vk_pack_transposed16_avx512(
  const float *source, ptrdiff_t line_stride, ptrdiff_t depth, float *packed) {
  (void)source, (void)line_stride, (void)depth, (void)packed;
}

#endif
