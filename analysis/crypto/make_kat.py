# Known-answer values for PaillierInteropTests.swift, from python-paillier (phe 1.5.0).
# Primes: gmpy2.next_prime of fixed values (printed), so the script is reproducible.
import gmpy2, random
from phe import paillier
import phe

print("# phe", phe.__version__ if hasattr(phe, "__version__") else "?", "gmpy2", gmpy2.version())
def kat(label, p, q, ms, rs):
    pk = paillier.PaillierPublicKey(p * q)
    sk = paillier.PaillierPrivateKey(pk, p, q)
    print(f"== {label}")
    print("p =", p)
    print("q =", q)
    print("n =", pk.n)
    cs = []
    for m, r in zip(ms, rs):
        c = pk.raw_encrypt(m, r_value=r)
        assert sk.raw_decrypt(c) == m
        cs.append(c)
        print(f"m = {m}\nr = {r}\nc = {c}")
    s = cs[0] * cs[1] % pk.nsquare
    print("c0*c1 mod n^2 =", s, "-> decrypts to", sk.raw_decrypt(s))
    k = 12345
    ck = pow(cs[0], k, pk.nsquare)
    print(f"c0^{k} =", ck, "->", sk.raw_decrypt(ck))
    # EncryptedNumber addition as python-paillier does it (public API, no obfuscation difference)
    e0 = paillier.EncryptedNumber(pk, cs[0]); e1 = paillier.EncryptedNumber(pk, cs[1])
    print("phe (e0+e1).ciphertext(be_secure=False) =", (e0 + e1).ciphertext(be_secure=False))

# Small: 128-bit primes (n of 256 bits) for fast debug tests.
p = int(gmpy2.next_prime(2**127 + 12345)); q = int(gmpy2.next_prime(2**127 + 987654321))
kat("n256", p, q, [42, 1_000_000_007, p*q - 5], [17, 123456789, 2**100 + 3])
# 2048-bit n: 1024-bit primes from fixed decimal seeds.
rnd = random.Random(20261121)
p = int(gmpy2.next_prime(rnd.getrandbits(1024) | (3 << 1022)))
q = int(gmpy2.next_prime(rnd.getrandbits(1024) | (3 << 1022)))
r0 = rnd.getrandbits(2040); r1 = rnd.getrandbits(2040)
kat("n2048", p, q, [31337, 2**200 + 7], [r0, r1])
