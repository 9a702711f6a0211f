# Derives the RFC 3526 §3 2048-bit MODP prime from its formula
#   p = 2^2048 - 2^1984 - 1 + 2^64 * ( [2^1918 pi] + 124476 )
# computing pi with Machin's formula in integer arithmetic, then checks p and (p-1)/2 are prime.
import gmpy2
def arctan_inv(x, one):
    total = term = one // x; x2 = x * x; n = 1; sign = -1
    while term:
        term //= x2; n += 2; total += sign * (term // n); sign = -sign
    return total
guard = 64
one = 1 << (1918 + guard)
pi_scaled = 4 * (4 * arctan_inv(5, one) - arctan_inv(239, one))  # pi * 2^(1918+guard)
floor_pi = pi_scaled >> guard
p = 2**2048 - 2**1984 - 1 + 2**64 * (floor_pi + 124476)
print(format(p, "X"))
print("p prime", gmpy2.is_prime(p, 50), "q prime", gmpy2.is_prime((p - 1) // 2, 50), "p mod 8", p % 8)
