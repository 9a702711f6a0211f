// Run-time detection of the vector extensions, for `vk_best_path`.
#include "VectorKernels.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>

/// XGETBV(0): which register states the operating system saves on a context switch.
static unsigned long long read_xcr0(void) {
  unsigned int eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return ((unsigned long long)edx << 32) | eax;
}

vk_path vk_best_path(void) {
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return VK_PATH_PORTABLE;
  const bool osxsave = (ecx >> 27) & 1;
  const bool avx = (ecx >> 28) & 1;
  if (!osxsave || !avx) return VK_PATH_PORTABLE;
  const unsigned long long xcr0 = read_xcr0();
  // Bits 1 and 2: SSE and AVX (YMM upper halves) state.
  if ((xcr0 & 0x6) != 0x6) return VK_PATH_PORTABLE;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return VK_PATH_PORTABLE;
  const bool avx2 = (ebx >> 5) & 1;
  const bool avx512f = (ebx >> 16) & 1;
  // Bits 5, 6 and 7: the opmask registers and both halves of the ZMM state.
  if (avx512f && (xcr0 & 0xe0) == 0xe0) return VK_PATH_AVX512;
  return avx2 ? VK_PATH_AVX2 : VK_PATH_PORTABLE;
}

#else

vk_path vk_best_path(void) { return VK_PATH_PORTABLE; }

#endif
