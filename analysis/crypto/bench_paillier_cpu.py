# Thread-CPU-time companion of /work/sandbox/anchors/bench_paillier.py: the same python-paillier
# (phe 1.5.0 + gmpy2) operations at 2048-bit n, timed with time.thread_time() (CLOCK_THREAD_CPUTIME_ID)
# as well as perf_counter, so the shared, loaded machine's other work does not count.
import random, time
from phe import paillier
import phe.util
assert phe.util.HAVE_GMP
rnd = random.Random(1)

def rate(name, fn, min_s=2.0, min_calls=1):
    fn()
    calls = 0; w0 = time.perf_counter(); c0 = time.thread_time()
    while (time.thread_time() - c0) < min_s or calls < min_calls:
        fn(); calls += 1
    w = time.perf_counter() - w0; c = time.thread_time() - c0
    print(f"{name} wall {calls / w:.1f} ops/s cpu {calls / c:.1f} ops/s ({calls} calls)", flush=True)

rate("paillier2048_keygen", lambda: paillier.generate_paillier_keypair(n_length=2048), min_s=4, min_calls=8)
pk, sk = paillier.generate_paillier_keypair(n_length=2048)
m1, m2, k = rnd.getrandbits(62), rnd.getrandbits(62), rnd.getrandbits(31)
c1, c2 = pk.encrypt(m1), pk.encrypt(m2)
rate("paillier2048_encrypt", lambda: pk.encrypt(m1))
rate("paillier2048_raw_encrypt", lambda: pk.raw_encrypt(m1))
rate("paillier2048_decrypt", lambda: sk.decrypt(c1))
rate("paillier2048_raw_decrypt", lambda: sk.raw_decrypt(c1.ciphertext(be_secure=False)))
rate("paillier2048_add_ct_ct", lambda: c1 + c2)
rate("paillier2048_mul_ct_scalar31b", lambda: c1 * k)
