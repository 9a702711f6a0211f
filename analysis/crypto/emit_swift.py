# Emits Tests/CryptographyTests/Paillier/PythonPaillierVectors.swift from kat.txt.
import re
text = open("kat.txt").read()
sections = re.split(r"^== (\w+)$", text, flags=re.M)[1:]
def lit(value, indent):
    s = str(value); chunk = 100 - indent - 6
    parts = [s[i:i + chunk] for i in range(0, len(s), chunk)]
    if len(parts) == 1: return f'"{parts[0]}"'
    pad = " " * indent
    return "\n" + pad + ("\n" + pad + "+ ").join(f'"{p}"' for p in parts)
out = []
out.append("""// Known answers from python-paillier (`phe` 1.5.0 with gmpy2 2.3.2), produced by
// /work/sandbox/homomorphic/anchors/make_kat.py: for fixed primes p, q (gmpy2.next_prime of fixed
// numbers) it printed `public_key.raw_encrypt(m, r_value=r)` for fixed m and r, the product of the
// first two ciphertexts mod n² and its decryption, and c₀^12345 mod n² and its decryption. The
// decimal numbers below are copied from that output, not computed by this package.

/// One python-paillier key with ciphertexts of fixed plaintexts and nonces.
struct PythonPaillierVector {
  let p: String
  let q: String
  let n: String
  /// (m, r, raw_encrypt(m, r_value=r)).
  let encryptions: [(m: String, r: String, c: String)]
  /// c₀·c₁ mod n², as python-paillier's `EncryptedNumber.__add__` computes it, and its plaintext.
  let sumOfFirstTwo: String
  let sumPlaintext: String
  /// c₀^12345 mod n² and its plaintext.
  let firstTimes12345: String
  let productPlaintext: String
}

enum PythonPaillierVectors {""")
names = {"n256": "n255", "n2048": "n2048"}
docs = {"n256": "128-bit primes just above 2¹²⁷ (n has 255 bits), fast enough for debug tests; the third\n  /// plaintext is n − 5, python-paillier's encoding of −5.",
        "n2048": "1024-bit primes (n has 2048 bits), the size the benchmarks use."}
for name, body in zip(sections[0::2], sections[1::2]):
    kv = re.findall(r"^(p|q|n|m|r|c) = (\d+)$", body, flags=re.M)
    p = kv[0][1]; q = kv[1][1]; n = kv[2][1]
    encs = []
    rest = kv[3:]
    for i in range(0, len(rest), 3):
        encs.append((rest[i][1], rest[i+1][1], rest[i+2][1]))
    s = re.search(r"c0\*c1 mod n\^2 = (\d+) -> decrypts to (\d+)", body)
    k = re.search(r"c0\^12345 = (\d+) -> (\d+)", body)
    out.append(f"  /// {docs[name]}")
    out.append(f"  static let {names[name]} = PythonPaillierVector(")
    out.append(f"    p: {lit(p, 6)},")
    out.append(f"    q: {lit(q, 6)},")
    out.append(f"    n: {lit(n, 6)},")
    out.append(f"    encryptions: [")
    for m, r, c in encs:
        out.append(f"      (")
        out.append(f"        m: {lit(m, 10)},")
        out.append(f"        r: {lit(r, 10)},")
        out.append(f"        c: {lit(c, 10)}")
        out.append(f"      ),")
    out.append(f"    ],")
    out.append(f"    sumOfFirstTwo: {lit(s.group(1), 6)},")
    out.append(f"    sumPlaintext: \"{s.group(2)}\",")
    out.append(f"    firstTimes12345: {lit(k.group(1), 6)},")
    out.append(f"    productPlaintext: \"{k.group(2)}\")")
    out.append("")
out[-1] = "}"
open("/work/main/Tests/CryptographyTests/Paillier/PythonPaillierVectors.swift", "w").write("\n".join(out) + "\n")
